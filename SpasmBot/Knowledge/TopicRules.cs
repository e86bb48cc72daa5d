using System.Text.RegularExpressions;

namespace SpasmBot.Knowledge;

public sealed record TopicRule(string Topic, Regex Keywords, string QuestionTemplate, IReadOnlyList<string> AlternateTemplates)
{
    /// <summary>The question (and alternates) a passage on this topic answers, about <paramref name="subject"/>.</summary>
    public DerivedQuestion Ask(string subject) => new(
        Sentences.Capitalise(QuestionRules.Fill2(QuestionTemplate, subject)),
        AlternateTemplates.Select(a => Sentences.Capitalise(QuestionRules.Fill2(a, subject))).ToList());
}

/// <summary>The fixed topic vocabulary of corpus/topics.txt and the keyword rules that assign it.</summary>
public sealed class TopicRules
{
    private readonly IReadOnlyList<TopicRule> _rules;

    public TopicRules(IEnumerable<TopicRule> rules)
    {
        _rules = rules.ToList();
        if (_rules.Count == 0)
        {
            throw new FormatException("topics.txt defines no topics.");
        }
    }

    public IReadOnlyList<string> Topics => _rules.Select(r => r.Topic).ToList();

    /// <summary>The last topic in the file: used when nothing else matches.</summary>
    public string Fallback => _rules[^1].Topic;

    public static TopicRules Load(string path) => new(Parse(File.ReadAllLines(path), path));

    public static IEnumerable<TopicRule> Parse(IEnumerable<string> lines, string fileName = "topics.txt")
    {
        foreach (var (number, parts) in TsvRows.Read(lines))
        {
            if (parts.Length < 2 || parts[0].Trim().Length == 0)
            {
                throw new FormatException($"{fileName} line {number}: expected 'topic<TAB>keywords[<TAB>question template]'.");
            }
            // Keywords match at word starts: "caus" hits "causes" and "causing" but not "because".
            var keywords = new Regex(@"(?<![\p{L}])(?:" + parts[1].Trim() + ")",
                RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
            var alternates = parts.Length > 3
                ? parts[3].Split(" | ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                : [];
            yield return new TopicRule(parts[0].Trim(), keywords, parts.Length > 2 ? parts[2].Trim() : "", alternates);
        }
    }

    /// <summary>The topic of an entry: question hits count three times, section twice, answer opening once.</summary>
    public string Classify(string question, string section, string answer)
    {
        var opening = Sentences.Split(answer).FirstOrDefault() ?? "";
        var best = Fallback;
        var bestScore = 0;
        foreach (var rule in _rules)
        {
            var score = 3 * rule.Keywords.Matches(question).Count
                        + 2 * rule.Keywords.Matches(section).Count
                        + rule.Keywords.Matches(opening).Count;
            if (score > bestScore)
            {
                best = rule.Topic;
                bestScore = score;
            }
        }
        return best;
    }

    /// <summary>The topic a passage's opening is clearly about (one topic ahead of the rest), if it has a question template; else null.</summary>
    public TopicRule? ClassifyPassage(string opening)
    {
        TopicRule? best = null;
        int bestScore = 0, runnerUp = 0;
        foreach (var rule in _rules.Where(r => r.QuestionTemplate.Length > 0 && r.Topic != Fallback))
        {
            var score = rule.Keywords.Matches(opening).Count;
            if (score > bestScore)
            {
                runnerUp = bestScore;
                best = rule;
                bestScore = score;
            }
            else if (score > runnerUp)
            {
                runnerUp = score;
            }
        }
        // A tie means the passage is about more than one thing: not clear enough to ask it a question of its own.
        return bestScore > runnerUp ? best : null;
    }

    public TopicRule? Find(string topic) => _rules.FirstOrDefault(r => r.Topic == topic);
}
