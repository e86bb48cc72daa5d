using System.Collections.Concurrent;

namespace SpasmBot.Knowledge;

/// <summary>
/// Answers already worked out for one index, keyed by the words the query analyzer sees, so "Heat or ice??"
/// and "heat or ice" share one entry. Visitors repeat questions, and a hit costs a dictionary look-up instead of a
/// search. Size-capped: when full it starts over, which keeps the popular questions without tracking their order.
/// </summary>
public sealed class AnswerCache(int capacity)
{
    private readonly ConcurrentDictionary<string, AnswerResult> _answers = new(StringComparer.Ordinal);
    private readonly Lock _clearLock = new();
    private int _count;

    public bool TryGet(string key, out AnswerResult answer)
    {
        if (capacity <= 0)
        {
            answer = null!;
            return false;
        }
        return _answers.TryGetValue(key, out answer!);
    }

    public void Add(string key, AnswerResult answer)
    {
        if (capacity <= 0 || !_answers.TryAdd(key, answer) || Interlocked.Increment(ref _count) <= capacity)
        {
            return;
        }
        lock (_clearLock)
        {
            if (Volatile.Read(ref _count) > capacity)
            {
                _answers.Clear();
                Volatile.Write(ref _count, 0);
            }
        }
    }

    /// <summary>The cache key: the analyzer's input (QueryAnalyzer.Analyze reads only these words, in this order).</summary>
    public static string Key(string? question, int maxTerms) => string.Join(' ', TextAnalysis.Words(question, maxTerms));
}
