namespace SpasmBot.Conversation;

/// <summary>Spots messages that are clearly not English, so they get a polite English-only reply instead of a wrong answer.</summary>
public sealed class LanguageCheck
{
    private readonly HashSet<string> _english;
    private readonly HashSet<string> _foreign;

    public LanguageCheck(LanguageData data)
    {
        _english = data.English.Select(w => w.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
        // A word common to English and another language (e.g. "a") counts as English.
        _foreign = data.Foreign.Values.SelectMany(v => v).Select(w => w.ToLowerInvariant())
            .Where(w => !_english.Contains(w)).ToHashSet(StringComparer.Ordinal);
    }

    public bool IsLikelyNotEnglish(string text)
    {
        var latin = 0;
        var other = 0;
        foreach (var ch in text)
        {
            if (!char.IsLetter(ch))
            {
                continue;
            }
            if (ch < 0x250)
            {
                latin++;
            }
            else
            {
                other++;
            }
        }
        if (other > 0 && other >= latin)
        {
            return true;
        }
        var english = 0;
        var foreign = 0;
        foreach (var word in text.ToLowerInvariant().Split([' ', ',', '.', '?', '!', ';', ':', '¿', '¡', '"', '(', ')'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (_english.Contains(word))
            {
                english++;
            }
            else if (_foreign.Contains(word))
            {
                foreign++;
            }
        }
        return foreign >= 2 && english == 0;
    }
}
