using Microsoft.Extensions.Options;

namespace SpasmBot.Safety;

/// <summary>Picks the safety settings for an activity's locale ("en-GB"), falling back to the default locale.</summary>
public sealed class SafetyLocaleSettings
{
    private readonly SafetyOptions _options;

    public SafetyLocaleSettings(IOptions<SafetyOptions> options)
    {
        _options = options.Value;
        if (!_options.Locales.ContainsKey(_options.DefaultLocale))
            throw new InvalidOperationException($"Safety:Locales has no entry for the default locale '{_options.DefaultLocale}'.");
        foreach (var (key, value) in _options.Locales)
        {
            if (string.IsNullOrEmpty(value.Locale)) value.Locale = key;
            if (string.IsNullOrWhiteSpace(value.EmergencyNumber))
                throw new InvalidOperationException($"Safety:Locales:{key}:EmergencyNumber is required.");
        }
    }

    public SafetyLocale Default => _options.Locales[_options.DefaultLocale];

    /// <summary>The exact locale ("en-GB"), else an entry for its language alone ("fr" for "fr-CA"), else the default locale.</summary>
    public SafetyLocale Resolve(string? locale)
    {
        if (string.IsNullOrWhiteSpace(locale)) return Default;
        var key = locale.Trim().Replace('_', '-');
        if (_options.Locales.TryGetValue(key, out var exact)) return exact;
        var language = key.Split('-')[0];
        if (_options.Locales.TryGetValue(language, out var byLanguage)) return byLanguage;
        return Default;
    }
}

/// <summary>Picks a language's texts from a data file: the language, else English, else the first listed.</summary>
internal static class LanguageTexts
{
    public static T Pick<T>(IReadOnlyDictionary<string, T> languages, string language) =>
        languages.TryGetValue(language, out var texts) ? texts
        : languages.TryGetValue("en", out var en) ? en
        : languages.Values.First();
}
