namespace SpasmBot.Safety;

/// <summary>
/// The red-flag check: phrase rules from corpus/safety/red-flags.yaml, read in their context (ConText-style) with the
/// cues from corpus/safety/cues.yaml. A finding does not fire when it is negated in its own clause ("no numbness"),
/// in the past and over ("I fell last year, fine now"), or inside a figure of speech ("this spreadsheet is killing me").
/// A topic question or hypothetical ("what is cauda equina?", "what if I lose bladder control?") fires triage when the
/// person may be talking about themselves and nothing otherwise. Loss of function written as a negation
/// ("cant feel my legs", "couldnt pee") is part of the phrase itself, so it is never read as a reassuring negative.
/// Everything is compiled once; a message is tokenised once and scanned with word-indexed phrases.
/// </summary>
public sealed class RedFlagDetector : ISafetyCheck
{
    private readonly SafetyTokenizer _tokenizer;
    private readonly PhraseIndex<int> _findings = new();    // >= 0: rule index; < 0: context -(index+1)
    private readonly PhraseIndex<CueKind> _cues = new();
    private readonly PhraseIndex<bool> _figurative = new();
    private readonly CompiledRule[] _rules;
    private readonly string[] _contextNames;
    private readonly HashSet<int> _terminators;
    private readonly HashSet<int> _self;
    private readonly int _negationWindow;

    public IReadOnlyList<string> RuleIds { get; }

    public RedFlagDetector(RedFlagFile flags, SafetyCueFile cues)
    {
        var classes = cues.Classes.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray());
        _contextNames = [.. flags.Contexts.Keys];
        var contextIndex = _contextNames.Select((n, i) => (n, i)).ToDictionary(x => x.n, x => x.i);

        var ids = new WordIds();
        void AddAll<T>(PhraseIndex<T> index, IEnumerable<string> sources, T tag)
        {
            foreach (var source in sources)
            {
                try
                {
                    foreach (var p in PhrasePattern.Compile(source, classes, ids)) index.Add(p, tag);
                }
                catch (FormatException e)
                {
                    throw new InvalidDataException($"Safety phrase '{source}': {e.Message}", e);
                }
            }
        }

        _rules = new CompiledRule[flags.Rules.Count];
        for (int r = 0; r < flags.Rules.Count; r++)
        {
            var rule = flags.Rules[r];
            if (string.IsNullOrWhiteSpace(rule.Id) || rule.Patterns.Count == 0)
                throw new InvalidDataException($"red-flags.yaml: rule #{r + 1} needs an id and patterns.");
            if (rule.Tier == SafetyTier.None) throw new InvalidDataException($"red-flags.yaml: rule {rule.Id} needs a tier.");
            int Context(string name) => contextIndex.TryGetValue(name, out var i)
                ? i : throw new InvalidDataException($"red-flags.yaml: rule {rule.Id} uses unknown context '{name}'.");
            _rules[r] = new CompiledRule(rule.Id, rule.Tier,
                [.. rule.With.Select(Context)],
                rule.Soften is null ? [] : [.. rule.Soften.When.Select(Context)],
                rule.Soften?.Tier ?? SafetyTier.Triage,
                KeepPast: rule.Past switch { "keep" => true, "drop" => false, _ => throw Bad("past", rule.Past) },
                Irrealis: rule.Irrealis is "lower" or "keep" or "drop" or "topic" ? rule.Irrealis : throw Bad("irrealis", rule.Irrealis));
            InvalidDataException Bad(string field, string value) =>
                new($"red-flags.yaml: rule {rule.Id} has {field}: '{value}'; see the top of the file for the values.");
            AddAll(_findings, rule.Patterns, r);
        }
        if (_rules.Select(r => r.Id).Distinct().Count() != _rules.Length)
            throw new InvalidDataException("red-flags.yaml: rule ids must be unique.");
        for (int c = 0; c < _contextNames.Length; c++) AddAll(_findings, flags.Contexts[_contextNames[c]], -(c + 1));

        AddAll(_cues, cues.Negation, CueKind.Negation);
        AddAll(_cues, cues.PseudoNegation, CueKind.PseudoNegation);
        AddAll(_cues, cues.NegationAfter, CueKind.NegationAfter);
        AddAll(_cues, cues.Topic, CueKind.Topic);
        AddAll(_cues, cues.PseudoTopic, CueKind.PseudoTopic);
        AddAll(_cues, cues.Hypothetical, CueKind.Hypothetical);
        AddAll(_cues, cues.Reported, CueKind.Reported);
        AddAll(_cues, cues.Softeners, CueKind.Softener);
        AddAll(_cues, cues.Past, CueKind.Past);
        AddAll(_cues, cues.PastWeak, CueKind.PastWeak);
        AddAll(_cues, cues.Ongoing, CueKind.Ongoing);
        AddAll(_cues, cues.Resolved, CueKind.Resolved);
        AddAll(_figurative, cues.Figurative, true);

        _terminators = [.. cues.NegationTerminators.Select(ids.Add)];
        _self = [.. cues.SelfReference.Select(ids.Add)];
        _negationWindow = cues.NegationWindow;
        var spelling = cues.Spelling.ToDictionary(kv => kv.Key, kv => kv.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal);
        // Fuzzy repair aims only at words the patterns use; the other known words are left alone.
        var known = new HashSet<string>(ids.Words.Where(w => w.Length > 0 && char.IsLetter(w[0])), StringComparer.Ordinal);
        known.UnionWith(cues.NegationTerminators.Concat(cues.SelfReference).Concat(cues.ClauseBreaks).Concat(spelling.Values.SelectMany(x => x)));
        _tokenizer = new SafetyTokenizer(spelling, cues.ClauseBreaks, new FuzzyWords(known, known, ids.Prefixes), ids, cues.Joins);
        RuleIds = [.. _rules.Select(r => r.Id)];
    }

    public SafetyAssessment Assess(string text)
    {
        // Per-thread buffers: the check runs on every message, so it should allocate almost nothing.
        var scratch = _scratch ??= new Scratch();
        var t = _tokenizer.Tokenize(text, scratch.Text);
        if (t.Count == 0) return SafetyAssessment.None;

        var figures = scratch.Figures;
        figures.Clear();
        _figurative.FindAll(t, figures);
        foreach (var f in figures) for (int i = f.Start; i < f.End; i++) t.Masked[i] = true;

        var findings = scratch.Findings;
        findings.Clear();
        _findings.FindAll(t, findings);
        if (findings.Count == 0) return SafetyAssessment.None;

        var cues = scratch.Cues;
        cues.Clear();
        _cues.FindAll(t, cues);
        var context = new Context(this, t, cues, findings);

        // Which contexts are really present (not negated, not over).
        var present = new bool[_contextNames.Length];
        foreach (var m in findings)
        {
            if (m.Tag < 0 && !context.Negated(m) && !context.Historical(m)) present[-m.Tag - 1] = true;
        }

        var best = new (SafetyTier Tier, string Signal)?[_rules.Length];
        var top = SafetyTier.None;
        foreach (var m in findings)
        {
            if (m.Tag < 0) continue;
            var rule = _rules[m.Tag];
            if (context.Negated(m)) continue;
            if (!rule.KeepPast && context.Historical(m)) continue;
            if (!AllPresent(rule.With, present)) continue;

            var tier = rule.Tier;
            var signal = rule.Id;
            if (rule.Irrealis != "keep" && context.Irrealis(m) is { } irrealis)
            {
                if (rule.Irrealis == "topic")
                {
                    // Only an impersonal topic question ("is suicide more common in chronic pain?") is let through.
                    if (irrealis is { Kind: "topic", MaybeSelf: false }) continue;
                }
                else
                {
                    tier = irrealis.MaybeSelf && rule.Irrealis == "lower" ? SafetyTier.Triage : SafetyTier.None;
                    signal = $"{rule.Id}~{irrealis.Kind}";
                }
            }
            else if (rule.Soften.Length > 0 && AnyPresent(rule.Soften, present) && rule.SoftenTier < tier)
            {
                tier = rule.SoftenTier;
                signal = $"{rule.Id}~softened";
            }
            if (tier == SafetyTier.None) continue;
            if (best[m.Tag] is not { } b || b.Tier < tier) best[m.Tag] = (tier, signal);
            if (tier > top) top = tier;
        }
        if (top == SafetyTier.None) return SafetyAssessment.None;

        // Signals, most urgent first.
        var signals = new List<string>();
        for (var tier = SafetyTier.Crisis; tier > SafetyTier.None; tier--)
        {
            foreach (var b in best)
            {
                if (b is { } fired && fired.Tier == tier && !signals.Contains(fired.Signal)) signals.Add(fired.Signal);
            }
        }
        return new SafetyAssessment(top, signals);
    }

    private static bool AllPresent(int[] contexts, bool[] present)
    {
        foreach (var c in contexts) if (!present[c]) return false;
        return true;
    }

    private static bool AnyPresent(int[] contexts, bool[] present)
    {
        foreach (var c in contexts) if (present[c]) return true;
        return false;
    }

    [ThreadStatic] private static Scratch? _scratch;

    private sealed class Scratch
    {
        public readonly SafetyText Text = new();
        public readonly List<PhraseMatch<bool>> Figures = [];
        public readonly List<PhraseMatch<int>> Findings = [];
        public readonly List<PhraseMatch<CueKind>> Cues = [];
    }

    private enum CueKind { Negation, PseudoNegation, NegationAfter, Topic, PseudoTopic, Hypothetical, Reported, Softener, Past, PastWeak, Ongoing, Resolved }

    private sealed record CompiledRule(string Id, SafetyTier Tier, int[] With, int[] Soften, SafetyTier SoftenTier, bool KeepPast, string Irrealis);

    /// <summary>The cues of one message, and how they bear on a finding.</summary>
    private readonly struct Context(RedFlagDetector d, SafetyText t, List<PhraseMatch<CueKind>> cues, List<PhraseMatch<int>> findings)
    {
        public bool Negated(PhraseMatch<int> m)
        {
            foreach (var c in cues)
            {
                if (c.Tag == CueKind.Negation && c.End <= m.Start && t.Clause[c.Start] == t.Clause[m.Start]
                    && m.Start - c.End <= d._negationWindow && !Covered(c, CueKind.PseudoNegation) && !Terminated(c.End, m.Start)
                    && !InsideFinding(c))
                    return true;
                if (c.Tag == CueKind.NegationAfter && c.Start >= m.End && c.Start - m.End <= 3 && t.SameSegment(c.Start, m.End - 1))
                    return true;
            }
            return false;
        }

        /// <summary>
        /// A "not"/"no" that belongs to a red-flag phrase ("not improved", "no feeling") negates nothing after it:
        /// in "no feeling in my legs for 2 days" the "2 days" is not negated.
        /// </summary>
        private bool InsideFinding(PhraseMatch<CueKind> cue)
        {
            foreach (var f in findings)
                if (f.Tag >= 0 && f.Start <= cue.Start && f.End >= cue.End) return true;
            return false;
        }

        /// <summary>A cue inside a longer look-alike ("no" in "no idea", "whats" in "whats wrong").</summary>
        private bool Covered(PhraseMatch<CueKind> cue, CueKind pseudo)
        {
            foreach (var c in cues)
                if (c.Tag == pseudo && c.Start <= cue.Start && c.End >= cue.End) return true;
            return false;
        }

        private bool Terminated(int from, int to)
        {
            for (int i = from; i < to; i++) if (d._terminators.Contains(t.Ids[i])) return true;
            return false;
        }

        /// <summary>Over: a clear past cue in the same segment with nothing saying it goes on, or a past mention later called resolved.</summary>
        public bool Historical(PhraseMatch<int> m)
        {
            bool strongPast = false, anyPast = false, ongoing = false, resolvedAfter = false;
            foreach (var c in cues)
            {
                switch (c.Tag)
                {
                    case CueKind.Past when t.Segment[c.Start] == t.Segment[m.Start]: strongPast = anyPast = true; break;
                    case CueKind.PastWeak when t.Segment[c.Start] == t.Segment[m.Start]: anyPast = true; break;
                    // "fine now" is a resolved cue; its "now" must not count as "still going on".
                    case CueKind.Ongoing when t.Segment[c.Start] == t.Segment[m.Start] && !Covered(c, CueKind.Resolved): ongoing = true; break;
                    case CueKind.Resolved when c.Start >= m.End && t.Sentence[c.Start] == t.Sentence[m.Start]: resolvedAfter = true; break;
                }
            }
            return (strongPast && !ongoing) || (anyPast && resolvedAfter);
        }

        /// <summary>
        /// A topic question in the finding's clause, or a hypothetical before it in the same comma-separated part;
        /// MaybeSelf when the clause speaks of "I/my/this" (or a relative), so the person may be describing themselves.
        /// </summary>
        public (string Kind, bool MaybeSelf)? Irrealis(PhraseMatch<int> m)
        {
            (string Kind, bool MaybeSelf)? found = null;
            foreach (var c in cues)
            {
                // A topic cue governs its clause up to the finding ("what is cauda equina") or its own part
                // ("cauda equina, what is it"); a trailing "…, what should I do?" does not make a report a topic.
                bool governs = c.Tag switch
                {
                    CueKind.Topic => (t.Segment[c.Start] == t.Segment[m.Start] || (c.Start <= m.Start && t.Clause[c.Start] == t.Clause[m.Start]))
                        && !Covered(c, CueKind.PseudoTopic),
                    CueKind.Softener => t.Segment[c.Start] == t.Segment[m.Start] || (c.Start <= m.Start && t.Clause[c.Start] == t.Clause[m.Start]),
                    CueKind.Hypothetical or CueKind.Reported => t.Segment[c.Start] == t.Segment[m.Start] && c.Start <= m.Start,
                    _ => false,
                };
                if (!governs) continue;
                // The most cautious reading wins: a softener (always triage) over a question that may be about oneself.
                if (c.Tag == CueKind.Softener) return ("softened", true);
                found ??= c.Tag switch
                {
                    CueKind.Reported => ("reported", false),
                    CueKind.Topic => ("topic", ClauseSpeaksOfSelf(t.Clause[m.Start])),
                    _ => ("hypothetical", ClauseSpeaksOfSelf(t.Clause[m.Start])),
                };
            }
            return found;
        }

        private bool ClauseSpeaksOfSelf(int clause)
        {
            // Clauses are numbered in order, so only the words from the clause's start need looking at.
            int i = 0;
            while (i < t.Count && t.Clause[i] < clause) i++;
            for (; i < t.Count && t.Clause[i] == clause; i++)
                if (d._self.Contains(t.Ids[i])) return true;
            return false;
        }
    }
}
