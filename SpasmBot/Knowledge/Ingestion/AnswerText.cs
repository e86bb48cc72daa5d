using System.Text.RegularExpressions;

namespace SpasmBot.Knowledge.Ingestion;

/// <summary>Cleaning and checks on answer text.</summary>
internal static partial class AnswerText
{
    private static readonly string[] Bullets = ["- ", "• ", "– ", "* "];

    public static bool IsListItem(string line)
    {
        var t = line.TrimStart();
        return Bullets.Any(b => t.StartsWith(b, StringComparison.Ordinal));
    }

    /// <summary>"  • hurting medication" → "- hurting medication"; a trailing "…" (the page's "read more") goes.</summary>
    public static string ListItem(string line)
    {
        var t = line.Trim();
        t = t[2..].Trim();
        t = TrailingEllipsis().Replace(t, "");
        return "- " + Sentences.Capitalise(t);
    }

    /// <summary>Spaces before punctuation, doubled spaces and stray spaces inside lines.</summary>
    public static string Tidy(string text)
    {
        text = SpaceBeforePunctuation().Replace(text, "$1");
        text = DoubleSpaces().Replace(text, " ");
        // "…the spine. stress is another factor": a sentence the page started in lower case.
        text = LowerCaseSentenceStart().Replace(text, m => m.Value.ToUpperInvariant());
        var lines = text.Split('\n').Select(l => l.Trim());
        return string.Join('\n', lines).Trim();
    }

    /// <summary>Cut off in the source: ends with an ellipsis, or stops without closing punctuation.</summary>
    public static bool LooksTruncated(string answer)
    {
        var t = answer.TrimEnd();
        if (t.Length == 0)
        {
            return true;
        }
        if (t.EndsWith('…') || t.EndsWith("..."))
        {
            return true;
        }
        if (IsListItem(t.Split('\n')[^1]))
        {
            // A list item needs no full stop; only an ellipsis says it was cut.
            return false;
        }
        var last = t[^1];
        return !(last is '.' or '!' or '?' or '”' or '"' or ')' or '’');
    }

    /// <summary>
    /// A fragment that cannot stand as an answer: it starts mid-thought ("Thus, leading to…", a lower-case word)
    /// or it is a visitor's own story from a forum ("I had my gallbladder removed…") rather than an answer.
    /// </summary>
    public static string? FragmentReason(string answer)
    {
        var t = answer.TrimStart();
        if (Sentences.WordCount(t) < 6)
        {
            return "too short";
        }
        if (char.IsLower(t[0]) || MidThoughtOpening().IsMatch(t))
        {
            return "starts mid-sentence";
        }
        if (FirstPerson().Matches(t).Count >= 2)
        {
            return "a forum post, not an answer";
        }
        return null;
    }

    [GeneratedRegex(@"\s*…\s*$")]
    private static partial Regex TrailingEllipsis();

    [GeneratedRegex(@"[ \t]+([,.;:!?])(?=\s|$)")]
    private static partial Regex SpaceBeforePunctuation();

    [GeneratedRegex(@"(?<=\b\p{Ll}{3,}[.!?] )\p{Ll}")]
    private static partial Regex LowerCaseSentenceStart();

    [GeneratedRegex(@"[ \t]{2,}")]
    private static partial Regex DoubleSpaces();

    [GeneratedRegex(@"^(Thus|Hence|Therefore|So|And|But|Or|Which|Also)\b,?\s")]
    private static partial Regex MidThoughtOpening();

    [GeneratedRegex(@"\b(I|I'm|I’m|I've|I’ve|my)\b")]
    private static partial Regex FirstPerson();
}
