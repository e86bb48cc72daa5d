using System.Collections.Concurrent;

namespace SpasmBot.Knowledge;

/// <summary>
/// Corrects words the index has never seen to the closest word it has (Damerau-Levenshtein distance 1,
/// or 2 for long words), preferring the word found in more entries. Words it cannot place are left alone.
/// </summary>
public sealed class SpellingCorrector
{
    private const int MaxCached = 50_000;
    private readonly IReadOnlyDictionary<string, int> _docFrequency;
    private readonly HashSet<string> _stems;
    private readonly HashSet<string> _protected;
    private readonly Dictionary<int, (string Word, int Frequency)[]> _byLength;
    private readonly ConcurrentDictionary<string, string> _cache = new(StringComparer.Ordinal);

    /// <param name="docFrequency">Index vocabulary: word → number of entries containing it.</param>
    /// <param name="protectedWords">Words that are never corrected (stop words, synonym table terms).</param>
    public SpellingCorrector(IReadOnlyDictionary<string, int> docFrequency, IEnumerable<string> protectedWords)
    {
        _docFrequency = docFrequency;
        _stems = new HashSet<string>(docFrequency.Keys.Select(TextAnalysis.LightStem), StringComparer.Ordinal);
        _protected = new HashSet<string>(protectedWords, StringComparer.Ordinal);
        _byLength = docFrequency
            .Where(kv => kv.Key.Length >= 3 && !kv.Key.Any(char.IsDigit))
            .GroupBy(kv => kv.Key.Length)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal)
                .Select(kv => (kv.Key, kv.Value)).ToArray());
    }

    /// <summary>True when the index (or the protected lists) knows the word or a simple inflection of it.</summary>
    public bool IsKnown(string word) =>
        _docFrequency.ContainsKey(word) || _protected.Contains(word) || _stems.Contains(TextAnalysis.LightStem(word));

    /// <summary>The word itself when known or uncorrectable, otherwise the closest index word.</summary>
    public string Correct(string word)
    {
        if (word.Length < 4 || IsKnown(word) || word.Any(char.IsDigit))
        {
            return word;
        }
        if (_cache.TryGetValue(word, out var cached))
        {
            return cached;
        }
        var corrected = FindClosest(word) ?? word;
        if (_cache.Count < MaxCached)
        {
            _cache.TryAdd(word, corrected);
        }
        return corrected;
    }

    private string? FindClosest(string word)
    {
        var maxDistance = word.Length >= 8 ? 2 : 1;
        string? best = null;
        var bestDistance = int.MaxValue;
        var bestFrequency = -1;
        for (var length = word.Length - maxDistance; length <= word.Length + maxDistance; length++)
        {
            if (!_byLength.TryGetValue(length, out var words))
            {
                continue;
            }
            foreach (var (candidate, frequency) in words)
            {
                var distance = Distance(word, candidate, maxDistance);
                // Four-letter words are too close to each other ("acne"/"ache"): only swapped letters are fixed.
                if (word.Length == 4 && distance == 1 && !IsTransposition(word, candidate))
                {
                    continue;
                }
                if (distance <= maxDistance && (distance < bestDistance || (distance == bestDistance && frequency > bestFrequency)))
                {
                    best = candidate;
                    bestDistance = distance;
                    bestFrequency = frequency;
                }
            }
        }
        return best;
    }

    private static bool IsTransposition(string a, string b)
    {
        if (a.Length != b.Length)
        {
            return false;
        }
        var first = -1;
        for (var i = 0; i < a.Length; i++)
        {
            if (a[i] != b[i])
            {
                first = i;
                break;
            }
        }
        return first >= 0 && first + 1 < a.Length && a[first] == b[first + 1] && a[first + 1] == b[first]
            && a.AsSpan(first + 2).SequenceEqual(b.AsSpan(first + 2));
    }

    /// <summary>Optimal string alignment distance with an early exit once every cell exceeds max.</summary>
    internal static int Distance(string a, string b, int max)
    {
        if (Math.Abs(a.Length - b.Length) > max)
        {
            return max + 1;
        }
        var previous2 = new int[b.Length + 1];
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMin = current[0];
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    value = Math.Min(value, previous2[j - 2] + 1);
                }
                current[j] = value;
                rowMin = Math.Min(rowMin, value);
            }
            if (rowMin > max)
            {
                return max + 1;
            }
            (previous2, previous, current) = (previous, current, previous2);
        }
        return previous[b.Length];
    }
}
