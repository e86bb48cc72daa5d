using System.Text;

namespace SpasmBot.Operators;

public sealed record QuestionCluster(string Representative, IReadOnlyList<string> Questions);

/// <summary>
/// Groups similar unanswered questions so operators fix the most asked first: normalised token sets, joined to
/// the first cluster whose representative has a Jaccard similarity at or above the threshold.
/// </summary>
public static class QuestionClusters
{
    public static IReadOnlyList<QuestionCluster> Group(IEnumerable<string> questions, double threshold = 0.5)
    {
        var clusters = new List<(HashSet<string> Tokens, List<string> Members)>();
        foreach (var question in questions)
        {
            var tokens = Tokens(question);
            if (tokens.Count == 0)
            {
                continue;
            }
            var home = clusters.FirstOrDefault(c => Jaccard(c.Tokens, tokens) >= threshold);
            if (home.Members is null)
            {
                clusters.Add((tokens, [question]));
            }
            else
            {
                home.Members.Add(question);
            }
        }
        return clusters
            .OrderByDescending(c => c.Members.Count)
            .Select(c => new QuestionCluster(c.Members[0], c.Members))
            .ToList();
    }

    public static HashSet<string> Tokens(string text)
    {
        var tokens = new HashSet<string>(StringComparer.Ordinal);
        var current = new StringBuilder();
        foreach (var c in text.Normalize(NormalizationForm.FormKC))
        {
            if (char.IsLetterOrDigit(c))
            {
                current.Append(char.ToLowerInvariant(c));
            }
            else if (current.Length > 0)
            {
                tokens.Add(current.ToString());
                current.Clear();
            }
        }
        if (current.Length > 0)
        {
            tokens.Add(current.ToString());
        }
        return tokens;
    }

    public static double Jaccard(HashSet<string> a, HashSet<string> b)
    {
        if (a.Count == 0 && b.Count == 0)
        {
            return 1;
        }
        var shared = a.Count(b.Contains);
        return (double)shared / (a.Count + b.Count - shared);
    }
}
