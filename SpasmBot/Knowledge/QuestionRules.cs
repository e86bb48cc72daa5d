using System.Text.RegularExpressions;

namespace SpasmBot.Knowledge;

/// <summary>One row of corpus/questions.tsv: a heading (in the context of its parent) and the question it answers.</summary>
public sealed record QuestionRule(Regex? Parent, Regex Heading, string Question, IReadOnlyList<string> Alternates);

/// <summary>A question derived for a section, with natural alternates.</summary>
public sealed record DerivedQuestion(string Question, IReadOnlyList<string> Alternates);

/// <summary>Turns section headings into the questions visitors ask (corpus/questions.tsv).</summary>
public sealed class QuestionRules
{
    private readonly IReadOnlyList<QuestionRule> _rules;

    public QuestionRules(IEnumerable<QuestionRule> rules) => _rules = rules.ToList();

    public static QuestionRules Load(string path) => new(Parse(File.ReadAllLines(path), path));

    public static IEnumerable<QuestionRule> Parse(IEnumerable<string> lines, string fileName = "questions.tsv")
    {
        foreach (var (number, parts) in TsvRows.Read(lines))
        {
            if (parts.Length < 3 || parts[1].Trim().Length == 0 || parts[2].Trim().Length == 0)
            {
                throw new FormatException($"{fileName} line {number}: expected 'parent<TAB>heading<TAB>question[<TAB>alternates]'.");
            }
            var parent = parts[0].Trim() == "*" ? null : Compile(parts[0].Trim());
            var alternates = parts.Length > 3
                ? parts[3].Split(" | ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                : [];
            yield return new QuestionRule(parent, Compile(parts[1].Trim()), parts[2].Trim(), alternates);
        }
    }

    /// <summary>The question for a heading under a parent heading, or null when no row matches.</summary>
    public DerivedQuestion? Derive(string parent, string heading, string subject) => Derive(parent, heading, subject, passage: false);

    /// <summary>The question a passage answers, from rows whose parent is "@passage" (matched on its first sentence).</summary>
    public DerivedQuestion? DerivePassage(string openingSentence, string subject) =>
        Derive(PassageParent, openingSentence, subject, passage: true);

    public const string PassageParent = "@passage";

    private DerivedQuestion? Derive(string parent, string heading, string subject, bool passage)
    {
        foreach (var rule in _rules)
        {
            var isPassageRule = rule.Parent?.ToString() == PassageParent;
            if (isPassageRule != passage || (rule.Parent is not null && !rule.Parent.IsMatch(parent)))
            {
                continue;
            }
            var match = rule.Heading.Match(heading);
            if (!match.Success)
            {
                continue;
            }
            string Fill(string template)
            {
                var text = Fill2(template, subject)
                    .Replace("{heading}", LowerHeading(heading));
                foreach (var group in rule.Heading.GetGroupNames().Where(g => !int.TryParse(g, out _)))
                {
                    text = text.Replace("{" + group + "}", LowerHeading(match.Groups[group].Value));
                }
                return Sentences.Capitalise(text);
            }
            var question = Fill(rule.Question);
            var alternates = rule.Alternates.Select(Fill)
                .Where(a => !string.Equals(a, question, StringComparison.OrdinalIgnoreCase))
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .ToList();
            return new DerivedQuestion(question, alternates);
        }
        return null;
    }

    /// <summary>Fills {subject}, {are} and {do} so the verb agrees with the subject.</summary>
    public static string Fill2(string template, string subject)
    {
        var plural = subject.EndsWith('s');
        return template
            .Replace("{subject}", subject)
            .Replace("{Are}", plural ? "Are" : "Is")
            .Replace("{are}", plural ? "are" : "is")
            .Replace("{do}", plural ? "do" : "does");
    }

    /// <summary>Headings are Title Case; inside a question they read in lower case, except acronyms.</summary>
    private static string LowerHeading(string heading)
    {
        if (heading.EndsWith('?'))
        {
            return Sentences.SentenceCase(heading);
        }
        var words = heading.Split(' ').Select(w =>
        {
            var letters = w.Where(char.IsLetter).ToList();
            return letters.Count > 1 && letters.All(char.IsUpper) ? w : w.ToLowerInvariant();
        });
        return string.Join(' ', words);
    }

    private static Regex Compile(string pattern) =>
        new(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
}
