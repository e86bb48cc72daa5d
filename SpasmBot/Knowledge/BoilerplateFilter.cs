using System.Text.RegularExpressions;

namespace SpasmBot.Knowledge;

public enum BoilerplateKind { Line, Block, Sentence }

public sealed record BoilerplateRule(BoilerplateKind Kind, Regex Pattern);

/// <summary>What the filter removed from one document.</summary>
public sealed record BoilerplateResult(IReadOnlyList<string> Lines, int LinesDropped, int SentencesDropped);

/// <summary>Drops ads, captions, navigation, addresses, bios and filler listed in corpus/boilerplate.txt.</summary>
public sealed class BoilerplateFilter
{
    private readonly IReadOnlyList<BoilerplateRule> _rules;

    public BoilerplateFilter(IEnumerable<BoilerplateRule> rules) => _rules = rules.ToList();

    public IReadOnlyList<BoilerplateRule> Rules => _rules;

    public static BoilerplateFilter Load(string path) => new(Parse(File.ReadAllLines(path), path));

    public static IEnumerable<BoilerplateRule> Parse(IEnumerable<string> lines, string fileName = "boilerplate.txt")
    {
        var number = 0;
        foreach (var raw in lines)
        {
            number++;
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }
            var colon = line.IndexOf(':');
            var kind = colon > 0 ? line[..colon].Trim().ToLowerInvariant() : "";
            var pattern = colon > 0 ? line[(colon + 1)..].Trim() : "";
            BoilerplateKind parsed = kind switch
            {
                "line" => BoilerplateKind.Line,
                "block" => BoilerplateKind.Block,
                "sentence" => BoilerplateKind.Sentence,
                _ => throw new FormatException($"{fileName} line {number}: expected 'line:', 'block:' or 'sentence:' before the pattern."),
            };
            if (pattern.Length == 0)
            {
                throw new FormatException($"{fileName} line {number}: the pattern is empty.");
            }
            Regex regex;
            try
            {
                regex = new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
            }
            catch (ArgumentException e)
            {
                throw new FormatException($"{fileName} line {number}: bad regular expression: {e.Message}");
            }
            yield return new BoilerplateRule(parsed, regex);
        }
    }

    /// <summary>Filters a document's lines; blank lines are kept so paragraphs stay apart.</summary>
    public BoilerplateResult Apply(IReadOnlyList<string> lines)
    {
        var keep = lines.Select(_ => true).ToArray();
        var linesDropped = 0;

        // Blocks: a matching line takes its whole paragraph with it (a caption line and the caption under it).
        for (var i = 0; i < lines.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i]) || !Matches(BoilerplateKind.Block, lines[i]))
            {
                continue;
            }
            var start = i;
            while (start > 0 && !string.IsNullOrWhiteSpace(lines[start - 1])) start--;
            var end = i;
            while (end + 1 < lines.Count && !string.IsNullOrWhiteSpace(lines[end + 1])) end++;
            for (var j = start; j <= end; j++)
            {
                keep[j] = false;
            }
        }

        var result = new List<string>();
        var sentencesDropped = 0;
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (string.IsNullOrWhiteSpace(line))
            {
                result.Add("");
                continue;
            }
            if (!keep[i] || Matches(BoilerplateKind.Line, line.Trim()))
            {
                linesDropped++;
                continue;
            }
            var sentences = Sentences.Split(line.Trim());
            var kept = sentences.Where(s => !Matches(BoilerplateKind.Sentence, s)).ToList();
            sentencesDropped += sentences.Count - kept.Count;
            if (kept.Count == 0)
            {
                continue;
            }
            // Keep the line untouched when nothing went, so broken wraps and indentation survive for the readers.
            result.Add(kept.Count == sentences.Count ? line : string.Join(" ", kept));
        }
        return new BoilerplateResult(result, linesDropped, sentencesDropped);
    }

    private bool Matches(BoilerplateKind kind, string text) =>
        _rules.Any(r => r.Kind == kind && r.Pattern.IsMatch(text));
}
