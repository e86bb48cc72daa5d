using System.Globalization;
using System.Text;

namespace SpasmBot.Knowledge;

/// <summary>
/// Turns free text into lowercase word tokens the way the index's unicode61 tokenizer sees them
/// (letters and digits only, diacritics removed), so what the analyzer counts matches what FTS5 indexed.
/// </summary>
public static class TextAnalysis
{
    /// <summary>NFKC, lowercase, straight quotes, no zero-width or control characters.</summary>
    public static string Normalize(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }
        var folded = text.Normalize(NormalizationForm.FormKC);
        var sb = new StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            switch (c)
            {
                case '\u2018' or '\u2019' or '\u201B' or '\u2032' or '`':
                    sb.Append('\'');
                    continue;
                case '\u201C' or '\u201D' or '\u201F' or '\u2033':
                    sb.Append('"');
                    continue;
                case '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF' or '\u00AD':
                    continue;
            }
            if (char.IsControl(c))
            {
                sb.Append(' ');
                continue;
            }
            sb.Append(char.ToLowerInvariant(c));
        }
        return sb.ToString();
    }

    /// <summary>Word tokens of already-normalised text: runs of letters or digits, diacritics stripped.</summary>
    public static List<string> Tokenize(string normalized, int maxTokens = int.MaxValue)
    {
        var tokens = new List<string>();
        var sb = new StringBuilder();
        foreach (var c in normalized)
        {
            if (char.IsLetterOrDigit(c))
            {
                sb.Append(c);
                continue;
            }
            if (char.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue; // a combining accent inside a word (after NFD) does not split it
            }
            if (Flush(sb, tokens) && tokens.Count >= maxTokens)
            {
                return tokens;
            }
        }
        Flush(sb, tokens);
        return tokens;
    }

    /// <summary>Normalise and tokenise in one go.</summary>
    public static List<string> Words(string? text, int maxTokens = int.MaxValue) => Tokenize(Normalize(text), maxTokens);

    private static bool Flush(StringBuilder sb, List<string> tokens)
    {
        if (sb.Length == 0)
        {
            return false;
        }
        tokens.Add(RemoveDiacritics(sb.ToString()));
        sb.Clear();
        return true;
    }

    private static string RemoveDiacritics(string word)
    {
        var ascii = true;
        foreach (var c in word)
        {
            if (c > 0x7F) { ascii = false; break; }
        }
        if (ascii)
        {
            return word;
        }
        var decomposed = word.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                sb.Append(c);
            }
        }
        return sb.ToString();
    }

    /// <summary>
    /// A deliberately small suffix stripper so "spasms", "spasming" and "spasm" compare equal when the
    /// selector measures how much of a question an entry covers. FTS5's Porter stemmer does the ranking.
    /// </summary>
    public static string LightStem(string word)
    {
        if (word.Length <= 3)
        {
            return word;
        }
        string w = word;
        if ((w.EndsWith("ies", StringComparison.Ordinal) || w.EndsWith("ied", StringComparison.Ordinal)) && w.Length > 4) w = w[..^3] + "y";
        else if (w.EndsWith("sses", StringComparison.Ordinal)) w = w[..^2];
        else if (w.EndsWith("ing", StringComparison.Ordinal) && w.Length > 5) w = w[..^3];
        else if (w.EndsWith("ed", StringComparison.Ordinal) && w.Length > 4) w = w[..^2];
        else if (w.EndsWith("es", StringComparison.Ordinal) && w.Length > 4 && !w.EndsWith("ses", StringComparison.Ordinal)) w = w[..^1];
        else if (w.EndsWith('s') && !w.EndsWith("ss", StringComparison.Ordinal) && !w.EndsWith("us", StringComparison.Ordinal) && !w.EndsWith("is", StringComparison.Ordinal)) w = w[..^1];
        if (w.EndsWith("ly", StringComparison.Ordinal) && w.Length > 5) w = w[..^2];
        if (w.Length > 4 && w.EndsWith('e')) w = w[..^1];
        // "spasmm" from "spasmming"-like doubling: drop a doubled final consonant left by -ing/-ed.
        if (w.Length > 4 && w[^1] == w[^2] && !"lsz".Contains(w[^1]) && (word.EndsWith("ing", StringComparison.Ordinal) || word.EndsWith("ed", StringComparison.Ordinal))) w = w[..^1];
        return w;
    }
}
