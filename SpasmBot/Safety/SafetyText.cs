namespace SpasmBot.Safety;

/// <summary>
/// A user message as lower-case word tokens, with the sentence, clause and segment each token belongs to.
/// Sentences end at . ! ? ; and line breaks; clauses also split at "but", "however"…; segments also split at commas.
/// Phrases match inside a segment, negation reaches across segments of one clause, so it stays clause-limited.
/// </summary>
internal sealed class SafetyText
{
    public string[] Words = new string[32];
    /// <summary>Each word's id in <see cref="WordIds"/> (-1: no pattern uses it).</summary>
    public int[] Ids = new int[32];
    /// <summary>Each word's value when it is a number (up to 6 digits), else -1.</summary>
    public int[] Numbers = new int[32];
    public int[] Sentence = new int[32];
    public int[] Clause = new int[32];
    public int[] Segment = new int[32];
    /// <summary>Tokens inside a figure of speech ("dying to know", "fell asleep"); no rule may use them.</summary>
    public bool[] Masked = new bool[32];
    public int Count;

    public bool SameSegment(int a, int b) => Segment[a] == Segment[b];

    public void Clear() => Count = 0;

    public void Add(string word, int id, int number, int sentence, int clause, int segment)
    {
        if (Count == Words.Length)
        {
            var size = Count * 2;
            Array.Resize(ref Words, size);
            Array.Resize(ref Ids, size);
            Array.Resize(ref Numbers, size);
            Array.Resize(ref Sentence, size);
            Array.Resize(ref Clause, size);
            Array.Resize(ref Segment, size);
            Array.Resize(ref Masked, size);
        }
        Words[Count] = word;
        Ids[Count] = id;
        Numbers[Count] = number;
        Sentence[Count] = sentence;
        Clause[Count] = clause;
        Segment[Count] = segment;
        Masked[Count] = false;
        Count++;
    }
}

/// <summary>Turns raw chat text into <see cref="SafetyText"/>: lower case, apostrophes dropped ("can't" → "cant"),
/// letter runs squeezed ("sooo" → "so"), spelling repairs from cues.yaml, and a one-edit fuzzy repair for long words
/// the rules know ("bladdr" → "bladder"). Known words are looked up by span, so they cost no allocation.</summary>
internal sealed class SafetyTokenizer
{
    private const int MaxWord = 48; // longer "words" (URLs, key mashing) are cut; they never name a red flag
    private readonly Dictionary<string, string[]> _spelling;
    private readonly Dictionary<string, string[]>.AlternateLookup<ReadOnlySpan<char>> _spellingBySpan;
    private readonly HashSet<string> _clauseBreaks;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _clauseBreaksBySpan;
    private readonly FuzzyWords _fuzzy;
    private readonly WordIds _ids;

    private readonly Dictionary<string, string> _joins = new(StringComparer.Ordinal);
    private readonly HashSet<string> _joinSecondWords = new(StringComparer.Ordinal);

    public SafetyTokenizer(Dictionary<string, string[]> spelling, IEnumerable<string> clauseBreaks, FuzzyWords fuzzy, WordIds ids,
        IReadOnlyDictionary<string, string>? joins = null)
    {
        foreach (var (pair, joined) in joins ?? new Dictionary<string, string>())
        {
            var parts = pair.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 2) throw new InvalidDataException($"cues.yaml joins: '{pair}' must be two words.");
            _joins[pair] = joined;
            _joinSecondWords.Add(parts[1]);
        }
        _spelling = spelling;
        _spellingBySpan = spelling.GetAlternateLookup<ReadOnlySpan<char>>();
        _clauseBreaks = new HashSet<string>(clauseBreaks, StringComparer.Ordinal);
        _clauseBreaksBySpan = _clauseBreaks.GetAlternateLookup<ReadOnlySpan<char>>();
        _fuzzy = fuzzy;
        _ids = ids;
    }

    public SafetyText Tokenize(string? input) => Tokenize(input, new SafetyText());

    /// <summary>Tokenises into <paramref name="text"/>, reusing its buffers.</summary>
    public SafetyText Tokenize(string? input, SafetyText text)
    {
        text.Clear();
        if (string.IsNullOrEmpty(input)) return text;

        Span<char> word = stackalloc char[MaxWord];
        int length = 0, s = 0, c = 0, g = 0, run = 0;
        char last = '\0';
        bool wordIsDigits = true;

        // Every character is scanned, however long the message, so a red flag buried deep in it is still seen.
        foreach (var raw in input)
        {
            if (raw is '\u2019' or '\u2018' or '`' or '\u00B4' or '\'') continue; // can't → cant
            if (char.IsLetterOrDigit(raw))
            {
                var ch = char.ToLowerInvariant(raw);
                bool isDigit = char.IsDigit(ch);
                if (length > 0 && isDigit != wordIsDigits) Flush(word[..length], ref length); // "5kms" → "5" "kms"
                if (length == 0) { wordIsDigits = isDigit; run = 0; last = '\0'; }
                if (ch == last) run++; else { run = 1; last = ch; }
                if (run >= 3 && !isDigit)
                {
                    // "sooo" → "so": drop the doubled letter kept from before and skip the rest of the run.
                    if (run == 3) length--;
                    continue;
                }
                if (length < MaxWord) word[length++] = ch;
                continue;
            }

            if (length > 0) Flush(word[..length], ref length);
            switch (raw)
            {
                case '.' or '!' or '?' or ';' or '\n' or '\r' or '\u2026':
                    s++; c++; g++;
                    break;
                case ',' or ':' or '(' or ')' or '"' or '\u201C' or '\u201D' or '\u2013' or '\u2014':
                    g++;
                    break;
            }
        }
        if (length > 0) Flush(word[..length], ref length);
        return text;

        void Flush(ReadOnlySpan<char> w, ref int len)
        {
            len = 0;
            if (_clauseBreaksBySpan.Contains(w)) { c++; g++; return; }
            if (_spellingBySpan.TryGetValue(w, out var repl))
            {
                foreach (var r in repl) Add(r);
                return;
            }
            Add(w);
        }

        void Add(ReadOnlySpan<char> w)
        {
            if (_clauseBreaksBySpan.Contains(w)) { c++; g++; return; }
            var number = IsNumber(w, out var n) ? n : -1;
            if (text.Count > 0 && text.Segment[text.Count - 1] == g && _joinSecondWords.GetAlternateLookup<ReadOnlySpan<char>>().Contains(w))
            {
                if (_joins.TryGetValue(text.Words[text.Count - 1] + " " + w.ToString(), out var joined))
                {
                    text.Count--; // "my self" → "myself"
                    text.Add(joined, _ids.Find(joined), -1, s, c, g);
                    return;
                }
            }
            if (_ids.TryFind(w, out var known, out var id))
            {
                text.Add(known, id, number, s, c, g);
                return;
            }
            var repaired = _fuzzy.Repair(w.ToString());
            text.Add(repaired, _ids.Find(repaired), number, s, c, g);
        }
    }

    public static bool IsNumber(ReadOnlySpan<char> w, out int value)
    {
        value = 0;
        if (w.Length is 0 or > 6) return false;
        foreach (var ch in w)
        {
            if (ch is < '0' or > '9') return false;
            value = value * 10 + (ch - '0');
        }
        return true;
    }
}

/// <summary>One-edit spelling repair (SymSpell-style deletes) towards the long words the rules use.</summary>
internal sealed class FuzzyWords
{
    private const int MinLength = 7; // shorter words are too often other real words ("cancel" is no "cancer")
    private readonly HashSet<string> _known;
    private readonly Dictionary<string, string> _byDelete = new(StringComparer.Ordinal);

    private readonly string[] _prefixes;

    /// <param name="targets">Words to repair towards.</param>
    /// <param name="known">Words left alone.</param>
    /// <param name="prefixes">Word starts the rules match ("droop*"): such words are left alone too ("drooping" is no "dropping").</param>
    public FuzzyWords(IEnumerable<string> targets, IEnumerable<string> known, IEnumerable<string> prefixes)
    {
        _prefixes = [.. prefixes];
        _known = new HashSet<string>(known, StringComparer.Ordinal);
        foreach (var t in targets)
        {
            if (t.Length < MinLength) continue;
            _known.Add(t);
            _byDelete.TryAdd(t, t);
            for (int i = 0; i < t.Length; i++) _byDelete.TryAdd(t.Remove(i, 1), t);
        }
    }

    public string Repair(string w)
    {
        if (w.Length < MinLength || _known.Contains(w) || char.IsDigit(w[0])) return w;
        foreach (var p in _prefixes) if (w.StartsWith(p, StringComparison.Ordinal)) return w;
        if (_byDelete.TryGetValue(w, out var hit)) return hit; // a letter too few (bladdr), or exact
        for (int i = 0; i < w.Length; i++)
        {
            // a letter too many (numbnness) or one wrong letter (weekness); confirm with a real distance check
            if (_byDelete.TryGetValue(w.Remove(i, 1), out hit) && Distance(w, hit) <= 1) return hit;
        }
        return w;
    }

    private static int Distance(string a, string b)
    {
        if (Math.Abs(a.Length - b.Length) > 1) return 2;
        int i = 0;
        while (i < a.Length && i < b.Length && a[i] == b[i]) i++;
        if (a.Length == b.Length)
        {
            if (i == a.Length) return 0;
            if (a.AsSpan(i + 1).SequenceEqual(b.AsSpan(i + 1))) return 1;
            // swapped neighbours (bowles → bowels)
            if (i + 1 < a.Length && a[i] == b[i + 1] && a[i + 1] == b[i] && a.AsSpan(i + 2).SequenceEqual(b.AsSpan(i + 2))) return 1;
            return 2;
        }
        var (longer, shorter) = a.Length > b.Length ? (a, b) : (b, a);
        return longer.AsSpan(i + 1).SequenceEqual(shorter.AsSpan(i)) ? 1 : 2;
    }
}
