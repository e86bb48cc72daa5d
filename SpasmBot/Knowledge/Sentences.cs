using System.Text.RegularExpressions;

namespace SpasmBot.Knowledge;

/// <summary>Small text helpers shared by the ingestion steps.</summary>
public static partial class Sentences
{
    /// <summary>Splits prose at sentence ends (". ", "? ", "! ", "… ") followed by a capital, digit or quote.</summary>
    public static IReadOnlyList<string> Split(string text)
    {
        return SentenceEnd().Split(text.Trim())
            .Select(s => s.Trim())
            .Where(s => s.Length > 0)
            .ToList();
    }

    public static int WordCount(string text) =>
        text.Split((char[])[' ', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries).Length;

    /// <summary>Lower case, punctuation removed, articles dropped: two wordings of one question compare equal.</summary>
    public static string NormaliseQuestion(string question)
    {
        var words = Words(question).Where(w => w is not ("a" or "an" or "the"));
        return string.Join(' ', words);
    }

    public static IReadOnlyList<string> Words(string text) =>
        WordPattern().Matches(text.ToLowerInvariant().Replace('’', '\'')).Select(m => m.Value).ToList();

    public static bool IsQuestion(string sentence) => sentence.TrimEnd().EndsWith('?');

    public static string Capitalise(string text) =>
        text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    /// <summary>"How Long Do Back Spasms Last?" → "How long do back spasms last?" (keeps acronyms like "ER").</summary>
    public static string SentenceCase(string text)
    {
        var words = text.Split(' ');
        for (var i = 1; i < words.Length; i++)
        {
            var w = words[i];
            var letters = w.Where(char.IsLetter).ToList();
            var isAcronym = letters.Count > 1 && letters.All(char.IsUpper);
            if (!isAcronym && w != "I" && !w.StartsWith("I'") && !w.StartsWith("I’"))
            {
                words[i] = w.ToLowerInvariant();
            }
        }
        return string.Join(' ', words);
    }

    [GeneratedRegex(@"(?<=[.!?…])\s+(?=[\p{Lu}\p{N}“""(])")]
    private static partial Regex SentenceEnd();

    [GeneratedRegex(@"[\p{L}\p{N}]+(?:['&-][\p{L}\p{N}]+)*")]
    private static partial Regex WordPattern();
}
