using System.Text;

namespace SpasmBot.Knowledge;

/// <summary>One idea in the visitor's question: a word or phrase together with its synonyms.</summary>
/// <param name="Variants">Each variant is a word sequence (one word, or a phrase such as "lower back").</param>
/// <param name="Surface">What the visitor wrote, for traces.</param>
public sealed record QueryGroup(IReadOnlyList<IReadOnlyList<string>> Variants, string Surface);

/// <summary>The analysed question: its content groups, the stop words it used, and the safe FTS5 query.</summary>
/// <param name="StopWords">Not searched, but "what is" versus "when should" still helps pick between close questions.</param>
public sealed record AnalyzedQuery(IReadOnlyList<QueryGroup> Groups, string FtsQuery, IReadOnlyList<string> StopWords)
{
    public AnalyzedQuery(IReadOnlyList<QueryGroup> groups, string ftsQuery) : this(groups, ftsQuery, []) { }

    public bool IsEmpty => Groups.Count == 0;
}

/// <summary>
/// Turns visitor text into a safe FTS5 query: normalise, keep the first part of long messages, correct
/// misspelt words against the index vocabulary, expand synonyms (phrases too), drop stop words, and quote
/// every term so no user character is ever read as FTS5 syntax.
/// </summary>
public sealed class QueryAnalyzer
{
    private readonly HashSet<string> _stopWords;
    private readonly SpellingCorrector _corrector;
    private readonly int _maxTerms;
    // First word of a synonym phrase → (phrase words, group number), longest phrases first.
    private readonly Dictionary<string, List<(string[] Words, int Group)>> _phrases = new(StringComparer.Ordinal);
    private readonly List<IReadOnlyList<string>[]> _groups = [];

    private readonly IReadOnlyDictionary<string, int> _vocabulary;
    private readonly double _commonLimit;

    /// <param name="entryCount">Entries in the index; with <paramref name="commonShare"/> it decides which words are too common to search.</param>
    /// <param name="commonShare">Words found in more than this share of entries are left out of the full-text query when rarer
    /// words are present (they still count when scoring candidates): on a large corpus they match nearly everything.</param>
    public QueryAnalyzer(IReadOnlyDictionary<string, int> vocabulary, IEnumerable<string> stopWords,
        IEnumerable<IReadOnlyList<string>> synonymGroups, int maxTerms = 60, int entryCount = 0, double commonShare = 1.0)
    {
        _vocabulary = vocabulary;
        _commonLimit = entryCount > 0 && commonShare < 1 ? commonShare * entryCount : double.MaxValue;
        _stopWords = new HashSet<string>(stopWords.SelectMany(w => TextAnalysis.Words(w)), StringComparer.Ordinal);
        _maxTerms = maxTerms;
        var synonymWords = new HashSet<string>(StringComparer.Ordinal);
        foreach (var group in synonymGroups)
        {
            var variants = group.Select(term => (IReadOnlyList<string>)TextAnalysis.Words(term))
                .Where(words => words.Count > 0)
                .DistinctBy(words => string.Join(' ', words))
                .ToArray();
            if (variants.Length < 2)
            {
                continue;
            }
            var groupNumber = _groups.Count;
            _groups.Add(variants);
            foreach (var variant in variants)
            {
                synonymWords.UnionWith(variant);
                // Matched on light stems, so "helps" finds "help" and "spasming" finds "spasm".
                var stems = variant.Select(TextAnalysis.LightStem).ToArray();
                if (!_phrases.TryGetValue(stems[0], out var list))
                {
                    _phrases[stems[0]] = list = [];
                }
                list.Add((stems, groupNumber));
            }
        }
        foreach (var list in _phrases.Values)
        {
            list.Sort((a, b) => b.Words.Length.CompareTo(a.Words.Length));
        }
        // Stop words are never a correction target: "town" must not become "down".
        var targets = vocabulary.Where(kv => !_stopWords.Contains(kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        _corrector = new SpellingCorrector(targets, _stopWords.Concat(synonymWords));
    }

    public SpellingCorrector Corrector => _corrector;

    public IEnumerable<string> StopWords => _stopWords;

    public AnalyzedQuery Analyze(string? text)
    {
        var words = TextAnalysis.Words(text, _maxTerms);
        for (var i = 0; i < words.Count; i++)
        {
            if (!_stopWords.Contains(words[i]))
            {
                words[i] = _corrector.Correct(words[i]);
            }
        }

        var groups = new List<QueryGroup>();
        var stopWords = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var seenSynonymGroups = new HashSet<int>();
        for (var i = 0; i < words.Count;)
        {
            if (TryMatchPhrase(words, i, out var length, out var groupNumber))
            {
                var surface = string.Join(' ', words.Skip(i).Take(length));
                i += length;
                if (seenSynonymGroups.Add(groupNumber))
                {
                    groups.Add(new QueryGroup(_groups[groupNumber], surface));
                }
                continue;
            }
            var word = words[i++];
            if (!seen.Add(word))
            {
                continue;
            }
            if (_stopWords.Contains(word))
            {
                stopWords.Add(word);
                continue;
            }
            groups.Add(new QueryGroup([new[] { word }], word));
        }
        // A word already inside a synonym group needs no group of its own.
        var covered = new HashSet<string>(groups.Where(g => g.Variants.Count > 1)
            .SelectMany(g => g.Variants).Where(v => v.Count == 1).Select(v => v[0]), StringComparer.Ordinal);
        groups.RemoveAll(g => g.Variants.Count == 1 && covered.Contains(g.Variants[0][0]));
        if (groups.Count == 0)
        {
            return new AnalyzedQuery([], "", []);
        }
        var frequencies = groups.Select(DocumentFrequency).ToList();
        var searched = groups.Where((_, i) => frequencies[i] <= _commonLimit).ToList();
        // Words no entry contains find nothing: when only they are left, search the common words instead.
        var searchable = groups.Where((_, i) => frequencies[i] > 0 && frequencies[i] <= _commonLimit).Any();
        if (searchable || _commonLimit == double.MaxValue)
        {
            return new AnalyzedQuery(groups, BuildFtsQuery(searched.Count > 0 ? searched : groups), stopWords);
        }
        // Only very common words ("back spasm"): search the words as typed, in questions only. Their synonyms
        // still count when scoring, but searching them all would touch nearly every entry of a large corpus.
        var typed = groups.Select(g => new QueryGroup([TextAnalysis.Words(g.Surface)], g.Surface)).ToList();
        return new AnalyzedQuery(groups, "{question alternates} : (" + BuildFtsQuery(typed) + ")", stopWords);
    }

    private int DocumentFrequency(QueryGroup group)
    {
        var frequency = 0;
        foreach (var variant in group.Variants)
        {
            var least = int.MaxValue;
            foreach (var word in variant)
            {
                least = Math.Min(least, _vocabulary.GetValueOrDefault(word));
            }
            frequency = Math.Max(frequency, least);
        }
        return frequency;
    }

    private bool TryMatchPhrase(List<string> words, int start, out int length, out int groupNumber)
    {
        length = 0;
        groupNumber = -1;
        if (!_phrases.TryGetValue(TextAnalysis.LightStem(words[start]), out var candidates))
        {
            return false;
        }
        foreach (var (phrase, group) in candidates)
        {
            if (start + phrase.Length > words.Count)
            {
                continue;
            }
            var match = true;
            for (var k = 1; k < phrase.Length && match; k++)
            {
                match = TextAnalysis.LightStem(words[start + k]) == phrase[k];
            }
            if (match)
            {
                length = phrase.Length;
                groupNumber = group;
                return true;
            }
        }
        return false;
    }

    /// <summary>Every term double-quoted (quotes inside doubled), synonyms as OR groups, groups joined by OR.</summary>
    internal static string BuildFtsQuery(IReadOnlyList<QueryGroup> groups)
    {
        var sb = new StringBuilder();
        foreach (var group in groups)
        {
            if (sb.Length > 0)
            {
                sb.Append(" OR ");
            }
            if (group.Variants.Count == 1)
            {
                AppendQuoted(sb, group.Variants[0]);
                continue;
            }
            sb.Append('(');
            for (var i = 0; i < group.Variants.Count; i++)
            {
                if (i > 0)
                {
                    sb.Append(" OR ");
                }
                AppendQuoted(sb, group.Variants[i]);
            }
            sb.Append(')');
        }
        return sb.ToString();
    }

    private static void AppendQuoted(StringBuilder sb, IReadOnlyList<string> words)
    {
        sb.Append('"');
        sb.Append(string.Join(' ', words).Replace("\"", "\"\"", StringComparison.Ordinal));
        sb.Append('"');
    }
}
