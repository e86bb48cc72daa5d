namespace SpasmBot.Knowledge;

/// <summary>
/// Candidate search for large corpora. FTS5 scores every row a query matches with bm25, so on a big corpus
/// where each query word is in thousands of entries a single question costs tens of milliseconds. On a corpus of
/// more than <see cref="MaxExactRows"/> entries, when a query's words are in more than <see cref="MaxFtsRows"/>
/// entries (summed), this finds the candidates instead from in-memory
/// inverted lists of the same light-stemmed words the answer selector scores with: inverse document frequency
/// times the column weight where the word occurs (question, alternates, answer), best variant per synonym group.
/// Corpora up to <see cref="MaxExactRows"/> entries never come here, so they keep FTS5's exact ranking.
/// </summary>
internal sealed class LargeCorpusSearch
{
    /// <summary>Corpora up to this many entries always get FTS5's exact bm25 ranking.</summary>
    public const int MaxExactRows = 2_000;

    /// <summary>On larger corpora, queries whose words are in more entries than this (summed) are searched in memory.</summary>
    public const int MaxFtsRows = 500;

    private const string QuestionOnlyPrefix = "{question alternates} : (";

    [ThreadStatic] private static Buffers? t_buffers;

    private readonly int _entryCount;
    private readonly int[] _documentFrequency;
    private readonly Func<string, int> _termId;
    private readonly ColumnWeights _weights;
    private readonly int[][] _questionPostings;
    private readonly int[][] _alternatePostings;
    private readonly int[][] _answerPostings;

    public LargeCorpusSearch(int[][][] questionTerms, int[][] answerTerms, int[] documentFrequency, Func<string, int> termId,
        ColumnWeights weights)
    {
        _entryCount = questionTerms.Length;
        _documentFrequency = documentFrequency;
        _termId = termId;
        _weights = weights;
        var termCount = documentFrequency.Length;
        _questionPostings = Postings(termCount, questionTerms.Length, e => questionTerms[e].Length > 0 ? [questionTerms[e][0]] : []);
        _alternatePostings = Postings(termCount, questionTerms.Length, e => questionTerms[e].Skip(1));
        _answerPostings = Postings(termCount, questionTerms.Length, e => [answerTerms[e]]);
    }

    /// <summary>Null when the query is small enough for FTS5 (or not in the analyzer's form); else the best hits.</summary>
    public List<IndexHit>? TrySearch(string ftsQuery, int limit)
    {
        if (_entryCount <= MaxExactRows || !TryParse(ftsQuery, out var groups, out var questionOnly))
        {
            return null;
        }
        // FTS5 reads the whole list of entries of every query word (phrases too), so that is its cost.
        long estimate = 0;
        foreach (var group in groups)
        {
            foreach (var variant in group)
            {
                foreach (var id in variant)
                {
                    estimate += id < 0 ? 0 : _documentFrequency[id];
                }
            }
        }
        return estimate <= MaxFtsRows ? null : Search(groups, questionOnly, limit);
    }

    private List<IndexHit> Search(List<List<int[]>> groups, bool questionOnly, int limit)
    {
        var entryCount = _entryCount;
        var buffers = t_buffers;
        if (buffers is null || buffers.Total.Length != entryCount)
        {
            t_buffers = buffers = new Buffers(entryCount);
        }
        var answerScanLimit = Math.Max(MaxExactRows, entryCount / 20);
        var total = buffers.Total;
        var groupBest = buffers.GroupBest;
        var touched = buffers.Touched;
        var groupTouched = buffers.GroupTouched;
        touched.Clear();
        try
        {
            foreach (var group in groups)
            {
                groupTouched.Clear();
                foreach (var variant in group)
                {
                    if (variant.Length == 0 || variant.Any(id => id < 0))
                    {
                        continue;
                    }
                    var rarest = variant.MinBy(id => _documentFrequency[id]);
                    var idf = Math.Log(1 + entryCount / (_documentFrequency[rarest] + 0.5));
                    Collect(_questionPostings, variant, idf * _weights.Question, groupBest, groupTouched);
                    Collect(_alternatePostings, variant, idf * _weights.Alternates, groupBest, groupTouched);
                    // A word in a large share of all answers says little about any one of them, and scanning its
                    // answers is most of the cost: such words count only where they appear in a question.
                    if (!questionOnly && _documentFrequency[rarest] <= answerScanLimit)
                    {
                        Collect(_answerPostings, variant, idf * Math.Max(_weights.Answer, _weights.Section), groupBest, groupTouched);
                    }
                }
                foreach (var entry in groupTouched)
                {
                    if (total[entry] == 0)
                    {
                        touched.Add(entry);
                    }
                    total[entry] += groupBest[entry];
                    groupBest[entry] = 0;
                }
            }
            return Top(touched, total, limit);
        }
        finally
        {
            foreach (var entry in groupTouched)
            {
                groupBest[entry] = 0;
            }
            foreach (var entry in touched)
            {
                total[entry] = 0;
            }
        }
    }

    /// <summary>Gives <paramref name="score"/> to every entry whose field has all the variant's words (a phrase counts
    /// only when all its words are there), walking the sorted lists side by side.</summary>
    private static void Collect(int[][] postings, int[] variant, double score, double[] groupBest, List<int> groupTouched)
    {
        var shortest = 0;
        for (var w = 1; w < variant.Length; w++)
        {
            if (postings[variant[w]].Length < postings[variant[shortest]].Length)
            {
                shortest = w;
            }
        }
        Span<int> positions = stackalloc int[variant.Length];
        foreach (var entry in postings[variant[shortest]])
        {
            var all = true;
            for (var w = 0; w < variant.Length && all; w++)
            {
                if (w == shortest)
                {
                    continue;
                }
                var list = postings[variant[w]];
                var p = positions[w];
                while (p < list.Length && list[p] < entry)
                {
                    p++;
                }
                positions[w] = p;
                all = p < list.Length && list[p] == entry;
            }
            if (!all)
            {
                continue;
            }
            if (groupBest[entry] == 0)
            {
                groupTouched.Add(entry);
            }
            if (score > groupBest[entry])
            {
                groupBest[entry] = score;
            }
        }
    }

    /// <summary>The <paramref name="limit"/> best entries, best first (ties: lower entry index first, like FTS5's rowid order).</summary>
    private static List<IndexHit> Top(List<int> touched, double[] total, int limit)
    {
        var best = new PriorityQueue<int, (double Score, int Entry)>(limit + 1, WorstFirst.Instance);
        foreach (var entry in touched)
        {
            var candidate = (total[entry], entry);
            if (best.Count < limit)
            {
                best.Enqueue(entry, candidate);
            }
            else if (best.TryPeek(out _, out var worst) && WorstFirst.Instance.Compare(candidate, worst) > 0)
            {
                best.DequeueEnqueue(entry, candidate);
            }
        }
        var hits = new IndexHit[best.Count];
        for (var i = hits.Length - 1; i >= 0; i--)
        {
            best.TryDequeue(out var entry, out var priority);
            hits[i] = new IndexHit(entry, priority.Score);
        }
        return [.. hits];
    }

    /// <summary>Reads back the analyzer's query: quoted phrases joined by OR, synonyms in parentheses, optionally
    /// limited to the question columns. Anything else is left to FTS5.</summary>
    private bool TryParse(string ftsQuery, out List<List<int[]>> groups, out bool questionOnly)
    {
        groups = [];
        var text = ftsQuery.AsSpan();
        questionOnly = text.StartsWith(QuestionOnlyPrefix, StringComparison.Ordinal);
        if (questionOnly)
        {
            if (!text.EndsWith(")", StringComparison.Ordinal))
            {
                return false;
            }
            text = text[QuestionOnlyPrefix.Length..^1];
        }
        List<int[]>? open = null;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == ' ')
            {
                i++;
            }
            else if (text[i..].StartsWith("OR ", StringComparison.Ordinal))
            {
                i += 3;
            }
            else if (c == '(' && open is null)
            {
                open = [];
                groups.Add(open);
                i++;
            }
            else if (c == ')' && open is not null)
            {
                open = null;
                i++;
            }
            else if (c == '"')
            {
                var phrase = new System.Text.StringBuilder();
                i++;
                while (true)
                {
                    if (i >= text.Length)
                    {
                        return false;
                    }
                    if (text[i] == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"')
                        {
                            phrase.Append('"');
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    phrase.Append(text[i++]);
                }
                var ids = phrase.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries)
                    .Select(word => _termId(TextAnalysis.LightStem(word))).ToArray();
                if (open is not null)
                {
                    open.Add(ids);
                }
                else
                {
                    groups.Add([ids]);
                }
            }
            else
            {
                return false;
            }
        }
        return open is null && groups.Count > 0;
    }

    private static int[][] Postings(int termCount, int entryCount, Func<int, IEnumerable<int[]>> termSets)
    {
        var lists = new List<int>?[termCount];
        for (var entry = 0; entry < entryCount; entry++)
        {
            foreach (var terms in termSets(entry))
            {
                foreach (var id in terms)
                {
                    var list = lists[id] ??= [];
                    if (list.Count == 0 || list[^1] != entry)
                    {
                        list.Add(entry);
                    }
                }
            }
        }
        return [.. lists.Select(list => list?.ToArray() ?? [])];
    }

    private sealed class Buffers(int entryCount)
    {
        public double[] Total { get; } = new double[entryCount];
        public double[] GroupBest { get; } = new double[entryCount];
        public List<int> Touched { get; } = [];
        public List<int> GroupTouched { get; } = [];
    }

    /// <summary>Orders the queue so the weakest hit leaves first: lower score, then higher entry index.</summary>
    private sealed class WorstFirst : IComparer<(double Score, int Entry)>
    {
        public static readonly WorstFirst Instance = new();

        public int Compare((double Score, int Entry) x, (double Score, int Entry) y)
        {
            var byScore = x.Score.CompareTo(y.Score);
            return byScore != 0 ? byScore : y.Entry.CompareTo(x.Entry);
        }
    }
}
