using System.Text;

namespace SpasmBot.Safety;

/// <summary>A button of a routing message: a <c>tel:</c>/<c>sms:</c> URI or a web link.</summary>
public sealed record SafetyAction(string Title, string Uri);

/// <summary>
/// The routing message for one tier: <see cref="Headline"/> says what to do and goes first, in bold or a card title;
/// <see cref="Lines"/> follow (the last says SpasmBot is not a doctor); <see cref="Actions"/> become call buttons.
/// </summary>
public sealed record SafetyReply(SafetyTier Tier, string Headline, IReadOnlyList<string> Lines, IReadOnlyList<SafetyAction> Actions)
{
    /// <summary>Plain text for channels without cards: headline first, then each line.</summary>
    public string Text => string.Join("\n\n", Lines.Prepend(Headline));
}

/// <summary>Routing messages per tier and locale, from corpus/safety/replies.yaml filled with the locale's numbers.</summary>
public sealed class SafetyReplies
{
    private readonly SafetyRepliesFile _file;
    private readonly SafetyLocaleSettings _locales;

    public SafetyReplies(SafetyRepliesFile file, SafetyLocaleSettings locales)
    {
        _file = file;
        _locales = locales;
        foreach (var (language, texts) in file.Languages)
        {
            foreach (var tier in new[] { "emergency", "crisis", "urgent" })
            {
                if (!texts.Tiers.TryGetValue(tier, out var t) || string.IsNullOrWhiteSpace(t.Headline))
                    throw new InvalidDataException($"replies.yaml: language '{language}' has no {tier} reply.");
            }
        }
    }

    /// <summary>
    /// The routing message for <paramref name="tier"/> (Emergency, Crisis or Urgent) in the activity's locale.
    /// Null for None and Triage: triage asks the <see cref="TriageChecklist"/> instead.
    /// </summary>
    public SafetyReply? For(SafetyTier tier, string? locale = null)
    {
        if (tier is SafetyTier.None or SafetyTier.Triage) return null;
        var settings = _locales.Resolve(locale);
        var language = Language(settings.Language);
        var text = language.Tiers[tier.ToString().ToLowerInvariant()];
        var lines = text.Lines.Select(l => Fill(l, settings)).Where(l => l.Length > 0).ToList();
        if (!string.IsNullOrWhiteSpace(language.NotADoctor)) lines.Add(Fill(language.NotADoctor, settings));
        var actions = text.Actions.Select(a => Action(a, settings, language)).OfType<SafetyAction>().ToList();
        return new SafetyReply(tier, Fill(text.Headline, settings), lines, actions);
    }

    /// <summary>A <c>tel:</c> URI for a call button: "116 123" → "tel:116123", "+44 20 7946 0000" → "tel:+442079460000".</summary>
    public static string TelUri(string number) => "tel:" + Digits(number);

    /// <summary>An <c>sms:</c> URI for a text button.</summary>
    public static string SmsUri(string number) => "sms:" + Digits(number);

    private static string Digits(string number)
    {
        var sb = new StringBuilder(number.Length);
        foreach (var ch in number.Trim())
        {
            if (char.IsAsciiDigit(ch) || (ch == '+' && sb.Length == 0)) sb.Append(ch);
        }
        if (sb.Length == 0 || sb.ToString() == "+") throw new ArgumentException($"'{number}' has no digits to call.", nameof(number));
        return sb.ToString();
    }

    private SafetyReplyLanguage Language(string language) =>
        LanguageTexts.Pick(_file.Languages, language);

    private static SafetyAction? Action(string name, SafetyLocale s, SafetyReplyLanguage language)
    {
        if (!language.Buttons.TryGetValue(name, out var title)) return null;
        var uri = name switch
        {
            "emergency" => TelUri(s.EmergencyNumber),
            "crisis" when s.CrisisLine.Length > 0 => TelUri(s.CrisisLine),
            "crisis_text" when s.CrisisTextNumber.Length > 0 => SmsUri(s.CrisisTextNumber),
            "urgent_care_call" when s.UrgentCareNumber.Length > 0 => TelUri(s.UrgentCareNumber),
            "urgent_care_link" when s.UrgentCareUrl.Length > 0 => s.UrgentCareUrl,
            "crisis_link" when s.CrisisUrl.Length > 0 => s.CrisisUrl,
            _ => null,
        };
        return uri is null ? null : new SafetyAction(Fill(title, s), uri);
    }

    /// <summary>Replaces {EmergencyNumber}, {CrisisLine}… with the locale's values; a line whose value is empty is dropped.</summary>
    private static string Fill(string template, SafetyLocale s)
    {
        var values = new (string Key, string Value)[]
        {
            ("{EmergencyNumber}", s.EmergencyNumber), ("{EmergencyDepartment}", s.EmergencyDepartment),
            ("{CrisisLine}", s.CrisisLine), ("{CrisisLineName}", s.CrisisLineName),
            ("{CrisisText}", s.CrisisText), ("{CrisisTextNumber}", s.CrisisTextNumber), ("{CrisisUrl}", s.CrisisUrl),
            ("{UrgentCareText}", s.UrgentCareText), ("{UrgentCareName}", s.UrgentCareName),
            ("{UrgentCareNumber}", s.UrgentCareNumber), ("{UrgentCareUrl}", s.UrgentCareUrl),
        };
        var result = template;
        foreach (var (key, value) in values)
        {
            if (!result.Contains(key, StringComparison.Ordinal)) continue;
            if (value.Length == 0) return "";
            result = result.Replace(key, value, StringComparison.Ordinal);
        }
        return result.Trim();
    }
}
