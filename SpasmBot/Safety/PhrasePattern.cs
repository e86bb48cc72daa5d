namespace SpasmBot.Safety;

/// <summary>
/// A phrase over word tokens, written in the data files as e.g. <c>cant|couldnt feel ~2 my? @legs</c>:
/// <list type="bullet">
/// <item><c>a|b</c> any of the words; <c>numb*</c> a word starting with "numb"; <c>@legs</c> a word class from cues.yaml;</item>
/// <item><c>#</c> any number, <c>#5-200</c> a number in that range;</item>
/// <item>a trailing <c>?</c> makes the word optional; <c>~3</c> skips up to 3 words; <c>$</c> is the end of the part;</item>
/// <item><c>[too many|way too much|a lot of]</c> any of several word sequences (a trailing <c>?</c> makes the group optional).</item>
/// </list>
/// A phrase never crosses a comma or sentence end, and never uses a masked (figurative) word.
/// </summary>
internal sealed class PhrasePattern
{
    private readonly Element[] _elements;
    public string Source { get; }

    private PhrasePattern(string source, Element[] elements)
    {
        Source = source;
        _elements = elements;
    }

    /// <summary>Ids of the whole words that can start a match, for indexing.</summary>
    public IReadOnlyCollection<int> FirstWords => _elements[0].Words;
    /// <summary>Word starts ("numb*") that can start a match.</summary>
    public IReadOnlyList<string> FirstPrefixes => _elements[0].Prefixes;
    public bool StartsWithNumber => _elements[0].NumberMin is not null;

    public static IEnumerable<PhrasePattern> Compile(string source, IReadOnlyDictionary<string, string[]> classes, WordIds ids) =>
        ExpandGroups(source).SelectMany(p => CompileSimple(source, p, classes, ids));

    /// <summary>"[a b|c] d" → "a b d", "c d"; "[a|b]? d" → "a d", "b d", "d".</summary>
    private static IEnumerable<string> ExpandGroups(string pattern)
    {
        var open = pattern.IndexOf('[');
        if (open < 0) { yield return pattern; yield break; }
        var close = pattern.IndexOf(']', open);
        if (close < 0) throw new FormatException($"Unclosed '[' in '{pattern}'.");
        var optional = close + 1 < pattern.Length && pattern[close + 1] == '?';
        var head = pattern[..open];
        var tail = pattern[(close + (optional ? 2 : 1))..];
        var alternatives = pattern[(open + 1)..close].Split('|').Select(a => a.Trim()).ToList();
        if (optional) alternatives.Add("");
        foreach (var alt in alternatives)
        {
            foreach (var rest in ExpandGroups(tail)) yield return $"{head} {alt} {rest}";
        }
    }

    private static IEnumerable<PhrasePattern> CompileSimple(string source, string expanded, IReadOnlyDictionary<string, string[]> classes, WordIds ids)
    {
        var parts = expanded.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length == 0) throw new FormatException("Empty phrase pattern.");
        var elements = parts.Select(p => ParseElement(p, classes, source, ids)).ToArray();
        if (elements.All(e => e.Optional || e.Gap > 0 || e.End))
            throw new FormatException($"Phrase pattern '{source}' needs at least one required word.");

        // Leading optional words or gaps would make matching start anywhere: expand them into separate patterns.
        var results = new List<PhrasePattern>();
        Expand(elements, 0);
        return results;

        void Expand(Element[] els, int depth)
        {
            if (els[0].Gap > 0 || els[0].End) { Expand(els[1..], depth + 1); return; }
            if (els[0].Optional)
            {
                Expand(els[1..], depth + 1);
                Expand([els[0] with { Optional = false }, .. els[1..]], depth + 1);
                return;
            }
            results.Add(new PhrasePattern(source, els));
        }
    }

    private static Element ParseElement(string part, IReadOnlyDictionary<string, string[]> classes, string source, WordIds ids)
    {
        if (part == "$") return new Element(new HashSet<int>(), [], null, null, false, 0) { End = true };
        if (part.StartsWith('~'))
        {
            return int.TryParse(part.AsSpan(1), out var gap) && gap is > 0 and <= 8
                ? new Element(new HashSet<int>(), [], null, null, false, gap)
                : throw new FormatException($"Bad gap '{part}' in '{source}' (use ~1 to ~8).");
        }
        var optional = part.EndsWith('?') && part.Length > 1;
        if (optional) part = part[..^1];
        var words = new HashSet<int>();
        var prefixes = new List<string>();
        int? min = null, max = null;
        foreach (var alt in part.Split('|', StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var item in alt.StartsWith('@') ? ClassWords(alt[1..]) : [alt])
            {
                if (item.StartsWith('#'))
                {
                    var range = item[1..].Split('-');
                    min = range[0].Length == 0 ? 0 : int.Parse(range[0]);
                    max = range.Length > 1 ? int.Parse(range[1]) : int.MaxValue;
                }
                else if (item.EndsWith('*'))
                {
                    prefixes.Add(item[..^1]);
                    ids.Prefixes.Add(item[..^1]);
                }
                else words.Add(ids.Add(item));
            }
        }
        return new Element(words, prefixes.ToArray(), min, max, optional, 0);

        string[] ClassWords(string name) => classes.TryGetValue(name, out var list)
            ? list
            : throw new FormatException($"Unknown word class '@{name}' in '{source}'.");
    }

    /// <summary>Tries to match at <paramref name="start"/>; returns the end (exclusive) or -1.</summary>
    public int MatchAt(SafetyText text, int start) => Match(text, start, 0, text.Segment[start]);

    private int Match(SafetyText text, int pos, int el, int segment)
    {
        if (el == _elements.Length) return pos;
        var e = _elements[el];
        if (e.End) return pos >= text.Count || text.Segment[pos] != segment ? Match(text, pos, el + 1, segment) : -1;
        if (e.Gap > 0)
        {
            for (int skip = 0; skip <= e.Gap; skip++)
            {
                int p = pos + skip;
                if (p > text.Count || (p < text.Count && text.Segment[p] != segment && el + 1 < _elements.Length)) break;
                var end = Match(text, p, el + 1, segment);
                if (end >= 0) return end;
            }
            return -1;
        }
        if (pos < text.Count && text.Segment[pos] == segment && !text.Masked[pos] && e.Accepts(text, pos))
        {
            var end = Match(text, pos + 1, el + 1, segment);
            if (end >= 0) return end;
        }
        return e.Optional ? Match(text, pos, el + 1, segment) : -1;
    }

    public override string ToString() => Source;

    private sealed record Element(HashSet<int> Words, string[] Prefixes, int? NumberMin, int? NumberMax, bool Optional, int Gap)
    {
        public bool End { get; init; }

        public bool Accepts(SafetyText text, int pos)
        {
            if (Words.Contains(text.Ids[pos])) return true;
            foreach (var p in Prefixes) if (text.Words[pos].StartsWith(p, StringComparison.Ordinal)) return true;
            return NumberMin is { } min && text.Numbers[pos] >= min && text.Numbers[pos] <= NumberMax;
        }
    }
}

/// <summary>
/// Many patterns, indexed by their first word (or word start, or number) so each word of a message only tries the
/// patterns that can start there.
/// </summary>
internal sealed class PhraseIndex<T>
{
    private readonly Dictionary<int, List<(PhrasePattern Pattern, T Tag)>> _byFirst = [];
    private readonly Dictionary<string, List<(PhrasePattern Pattern, T Tag)>> _byPrefix = new(StringComparer.Ordinal);
    private readonly List<(PhrasePattern Pattern, T Tag)> _byNumber = [];
    private Dictionary<string, List<(PhrasePattern Pattern, T Tag)>>.AlternateLookup<ReadOnlySpan<char>> _prefixLookup;
    private int[] _prefixLengths = [];

    public PhraseIndex() => _prefixLookup = _byPrefix.GetAlternateLookup<ReadOnlySpan<char>>();

    public void Add(PhrasePattern pattern, T tag)
    {
        foreach (var w in pattern.FirstWords) Bucket(_byFirst, w).Add((pattern, tag));
        foreach (var p in pattern.FirstPrefixes)
        {
            Bucket(_byPrefix, p).Add((pattern, tag));
            if (!_prefixLengths.Contains(p.Length)) _prefixLengths = [.. _prefixLengths.Append(p.Length).Order()];
        }
        if (pattern.StartsWithNumber) _byNumber.Add((pattern, tag));
    }

    private static List<(PhrasePattern, T)> Bucket<TKey>(Dictionary<TKey, List<(PhrasePattern, T)>> map, TKey key) where TKey : notnull
    {
        if (!map.TryGetValue(key, out var list)) map[key] = list = [];
        return list;
    }

    /// <summary>Every match (start, end, tag) of every pattern, at every word.</summary>
    public void FindAll(SafetyText text, List<PhraseMatch<T>> results)
    {
        for (int i = 0; i < text.Count; i++)
        {
            if (text.Masked[i]) continue;
            var word = text.Words[i];
            if (text.Ids[i] >= 0 && _byFirst.TryGetValue(text.Ids[i], out var list))
            {
                foreach (var (p, tag) in list) Try(p, tag, i);
            }
            foreach (var len in _prefixLengths)
            {
                if (len > word.Length) break;
                if (_prefixLookup.TryGetValue(word.AsSpan(0, len), out var byPrefix))
                {
                    foreach (var (p, tag) in byPrefix) Try(p, tag, i);
                }
            }
            if (_byNumber.Count > 0 && text.Numbers[i] >= 0)
            {
                foreach (var (p, tag) in _byNumber) Try(p, tag, i);
            }
        }

        void Try(PhrasePattern p, T tag, int i)
        {
            var end = p.MatchAt(text, i);
            if (end > i) results.Add(new PhraseMatch<T>(i, end, tag));
        }
    }
}

internal readonly record struct PhraseMatch<T>(int Start, int End, T Tag);

/// <summary>Numbers for the words the patterns use, so matching compares ints, not strings.</summary>
internal sealed class WordIds
{
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);

    public int Add(string word)
    {
        if (!_ids.TryGetValue(word, out var id)) _ids[word] = id = _ids.Count;
        return id;
    }

    /// <summary>The word's id, or -1 when no pattern uses it.</summary>
    public int Find(string word) => _ids.TryGetValue(word, out var id) ? id : -1;

    /// <summary>Looks a word up without allocating; gives the stored string and its id.</summary>
    public bool TryFind(ReadOnlySpan<char> word, out string known, out int id) =>
        _ids.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(word, out known!, out id);

    public IEnumerable<string> Words => _ids.Keys;

    /// <summary>Every word start ("numb*") used by the compiled patterns.</summary>
    public HashSet<string> Prefixes { get; } = new(StringComparer.Ordinal);
}
