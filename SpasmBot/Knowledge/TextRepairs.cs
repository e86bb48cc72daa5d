using System.Text.RegularExpressions;

namespace SpasmBot.Knowledge;

/// <summary>One reviewed replacement from corpus/repairs.tsv.</summary>
public sealed record TextRepair(string Scope, string Spun, string Repair, string Sample)
{
    public string Name => $"{Scope}: {Spun} -> {Repair}";

    public bool AppliesTo(string documentName) => Scope == "*" || documentName.StartsWith(Scope, StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// Undoes word-spinner damage with whole-word, case-preserving replacements. Longer phrases run first so
/// "tin can" becomes "can" before "tin" is considered.
/// </summary>
public sealed class TextRepairs
{
    private readonly List<(TextRepair Rule, Regex Pattern)> _rules;

    public TextRepairs(IEnumerable<TextRepair> rules)
    {
        _rules = rules
            .Select((r, i) => (r, i))
            .OrderByDescending(x => x.r.Spun.Length).ThenBy(x => x.i)
            .Select(x => (x.r, BuildPattern(x.r.Spun)))
            .ToList();
    }

    public IReadOnlyList<TextRepair> Rules => _rules.Select(r => r.Rule).ToList();

    public static TextRepairs Load(string path) => new(Parse(File.ReadAllLines(path), path));

    public static IEnumerable<TextRepair> Parse(IEnumerable<string> lines, string fileName = "repairs.tsv")
    {
        foreach (var (number, parts) in TsvRows.Read(lines))
        {
            if (parts.Length < 3 || parts[0].Trim().Length == 0 || parts[1].Trim().Length == 0)
            {
                throw new FormatException($"{fileName} line {number}: expected 'scope<TAB>spun<TAB>repair[<TAB>sample]'.");
            }
            yield return new TextRepair(parts[0].Trim(), parts[1].Trim(), parts[2].Trim(), parts.Length > 3 ? parts[3].Trim() : "");
        }
    }

    /// <summary>Repairs a document's text; counts how often each rule fired into <paramref name="counts"/>.</summary>
    public string Apply(string documentName, string text, IDictionary<string, int>? counts = null)
    {
        foreach (var (rule, pattern) in _rules)
        {
            if (!rule.AppliesTo(documentName))
            {
                continue;
            }
            var fired = 0;
            text = pattern.Replace(text, m =>
            {
                fired++;
                return MatchCase(m.Value, rule.Repair);
            });
            if (fired > 0 && counts is not null)
            {
                counts[rule.Name] = counts.TryGetValue(rule.Name, out var n) ? n + fired : fired;
            }
        }
        return text;
    }

    private static Regex BuildPattern(string spun)
    {
        var words = spun.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(Regex.Escape);
        // Whole words only: no letter or digit may touch either end ("tin" must not hit "tingling").
        return new Regex(@"(?<![\p{L}\p{N}])" + string.Join(@"\s+", words) + @"(?![\p{L}\p{N}])",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    }

    private static string MatchCase(string found, string repair)
    {
        if (repair.Length == 0)
        {
            return repair;
        }
        var letters = found.Where(char.IsLetter).ToList();
        if (letters.Count > 1 && letters.All(char.IsUpper))
        {
            return repair.ToUpperInvariant();
        }
        if (char.IsUpper(found[0]))
        {
            return char.ToUpperInvariant(repair[0]) + repair[1..];
        }
        return repair;
    }
}
