using System.Globalization;
using System.Text;

namespace SpasmBot.Safety;

/// <summary>
/// A user message as lower-case word tokens, with the sentence, clause and segment each token belongs to.
/// Sentences end at . ! ? ; and line breaks; clauses also split at "but", "however"…; segments also split at commas.
/// Phrases match inside a segment, negation reaches across segments of one clause, so it stays clause-limited.
/// </summary>
internal sealed class SafetyText
{
    public string[] Words = [];
    /// <summary>Each word's id in <see cref="WordIds"/> (-1: no pattern uses it).</summary>
    public int[] Ids = [];
    /// <summary>Each word's value when it is a number (up to 6 digits), else -1.</summary>
    public int[] Numbers = [];
    public int[] Sentence = [];
    public int[] Clause = [];
    public int[] Segment = [];
    /// <summary>Tokens inside a figure of speech ("killing me", "fell asleep"); no rule may use them.</summary>
    public bool[] Masked = [];
    public int Count;

    public bool SameSegment(int a, int b) => Segment[a] == Segment[b];
}

/// <summary>Turns raw chat text into <see cref="SafetyText"/>: lower case, apostrophes dropped ("can't" → "cant"),
/// letter runs squeezed ("sooo" → "so"), spelling repairs from cues.yaml, and a one-edit fuzzy repair for long words
/// the rules know ("bladdr" → "bladder").</summary>
internal sealed class SafetyTokenizer
{
    private readonly Dictionary<string, string[]> _spelling;
    private readonly HashSet<string> _clauseBreaks;
    private readonly FuzzyWords _fuzzy;

    private readonly WordIds _ids;

    public SafetyTokenizer(Dictionary<string, string[]> spelling, IEnumerable<string> clauseBreaks, FuzzyWords fuzzy, WordIds ids)
    {
        _ids = ids;
        _spelling = spelling;
        _clauseBreaks = new HashSet<string>(clauseBreaks, StringComparer.Ordinal);
        _fuzzy = fuzzy;
    }

    public SafetyText Tokenize(string? input)
    {
        var text = new SafetyText();
        if (string.IsNullOrEmpty(input)) return text;

        var words = new List<string>(Math.Min(input.Length / 4 + 4, 4096));
        var sentence = new List<int>(words.Capacity);
        var clause = new List<int>(words.Capacity);
        var segment = new List<int>(words.Capacity);
        int s = 0, c = 0, g = 0;
        var word = new StringBuilder(24);
        char last = '\0';
        int run = 0;
        bool wordIsDigits = true;

        void Flush()
        {
            if (word.Length == 0) return;
            var w = word.ToString();
            word.Clear();
            if (_clauseBreaks.Contains(w)) { c++; g++; return; }
            if (_spelling.TryGetValue(w, out var repl))
            {
                foreach (var r in repl) Add(r);
            }
            else
            {
                Add(_fuzzy.Repair(w));
            }
        }

        void Add(string w)
        {
            if (_clauseBreaks.Contains(w)) { c++; g++; return; }
            words.Add(w); sentence.Add(s); clause.Add(c); segment.Add(g);
        }

        // Every character is scanned, however long the message, so a red flag buried deep in it is still seen.
        foreach (var raw in input)
        {
            var ch = raw;
            if (ch is '\u2019' or '\u2018' or '`' or '\u00B4' or '\'') continue; // can't → cant
            if (char.IsLetterOrDigit(ch))
            {
                ch = char.ToLowerInvariant(ch);
                bool isDigit = char.IsDigit(ch);
                if (word.Length > 0 && isDigit != wordIsDigits)
                {
                    Flush(); // "5kms" → "5" "kms", "72yo" → "72" "yo"
                }
                if (word.Length == 0) { wordIsDigits = isDigit; run = 0; last = '\0'; }
                if (ch == last) run++; else { run = 1; last = ch; }
                if (run >= 3 && !isDigit)
                {
                    // "sooo" → "so": drop the doubled letter kept from before and skip the rest of the run.
                    if (run == 3) word.Length--;
                    continue;
                }
                if (word.Length < 64) word.Append(ch);
                continue;
            }

            Flush();
            switch (ch)
            {
                case '.' or '!' or '?' or ';' or '\n' or '\r' or '\u2026':
                    s++; c++; g++;
                    break;
                case ',' or ':' or '(' or ')' or '"' or '\u201C' or '\u201D' or '\u2013' or '\u2014':
                    g++;
                    break;
            }
        }
        Flush();

        text.Count = words.Count;
        text.Words = words.ToArray();
        text.Sentence = sentence.ToArray();
        text.Clause = clause.ToArray();
        text.Segment = segment.ToArray();
        text.Masked = new bool[words.Count];
        text.Ids = new int[words.Count];
        text.Numbers = new int[words.Count];
        for (int i = 0; i < words.Count; i++)
        {
            text.Ids[i] = _ids.Find(text.Words[i]);
            text.Numbers[i] = IsNumber(text.Words[i], out var n) ? n : -1;
        }
        return text;
    }

    public static bool IsNumber(string w, out int value)
    {
        value = 0;
        if (w.Length is 0 or > 6) return false;
        foreach (var ch in w) if (ch is < '0' or > '9') return false;
        return int.TryParse(w, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }
}

/// <summary>One-edit spelling repair (SymSpell-style deletes) towards the long words the rules use.</summary>
internal sealed class FuzzyWords
{
    private const int MinLength = 6;
    private readonly HashSet<string> _known;
    private readonly Dictionary<string, string> _byDelete = new(StringComparer.Ordinal);

    public FuzzyWords(IEnumerable<string> targets, IEnumerable<string> known)
    {
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
