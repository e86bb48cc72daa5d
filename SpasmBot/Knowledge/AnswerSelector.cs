namespace SpasmBot.Knowledge;

/// <summary>
/// Scores full-text hits with a confidence in [0, 1] and decides answer, clarify or no-answer.
/// Confidence is how much of the question's content (rare words count more) an entry covers, mostly in
/// its question, scaled a little by BM25 relative to the best hit, so off-topic words pull it down.
/// </summary>
public static class AnswerSelector
{
    public static AnswerResult Select(FaqIndex index, AnalyzedQuery query, SearchOptions options, IReadOnlySet<int> stopTerms)
    {
        var scored = Score(index, query, options, stopTerms);
        return Decide(scored, options.NoAnswerBelow, options.ClarifyMargin, options);
    }

    /// <summary>Ranked candidates, best first (empty when nothing matched).</summary>
    /// <param name="stopTerms">Term ids of stop words, ignored when measuring how well an entry's question fits.</param>
    public static List<AnswerCandidate> Score(FaqIndex index, AnalyzedQuery query, SearchOptions options, IReadOnlySet<int> stopTerms)
    {
        if (query.IsEmpty)
        {
            return [];
        }
        var hits = index.Search(query.FtsQuery, options.CandidatePool);
        if (hits.Count == 0)
        {
            return [];
        }

        var entryCount = Math.Max(1, index.Entries.Count);
        var maxIdf = Idf(0, entryCount);
        var groups = new (int[][] Variants, double Weight, double AnswerCredit)[query.Groups.Count];
        var totalWeight = 0.0;
        for (var g = 0; g < groups.Length; g++)
        {
            var variants = query.Groups[g].Variants
                .Select(v => v.Select(w => index.TermId(TextAnalysis.LightStem(w))).ToArray())
                .ToArray();
            var documentFrequency = variants.Max(v => v.Length == 0 || v.Any(id => id < 0) ? 0 : v.Min(index.TermDocFrequency));
            var weight = documentFrequency == 0 ? maxIdf * options.UnknownTermWeight : Idf(documentFrequency, entryCount);
            // A rare word found only in an answer still pinpoints the entry; a common one says little.
            var answerCredit = options.AnswerMatchCredit + (1 - options.AnswerMatchCredit) * options.RareAnswerBonus * Math.Min(1, weight / maxIdf);
            groups[g] = (variants, weight, documentFrequency == 0 ? 0 : answerCredit);
            totalWeight += weight;
        }

        // Stop words count a little: they separate "what is a back spasm" from "what causes back spasms".
        var minorWeight = options.StopWordWeight;
        var queryStopTerms = query.StopWords.Select(w => index.TermId(TextAnalysis.LightStem(w))).Where(id => id >= 0).ToHashSet();
        totalWeight += minorWeight * query.StopWords.Count;

        var topBm25 = hits[0].Bm25 > 0 ? hits[0].Bm25 : 1;
        var candidates = new List<(AnswerCandidate Candidate, double Rank)>(hits.Count);
        var asked = new HashSet<int>();
        foreach (var hit in hits)
        {
            double best = 0, confidence = 0;
            foreach (var question in index.QuestionTerms(hit.EntryIndex))
            {
                // How much of the visitor's question this entry covers (rare words count more)...
                asked.Clear();
                var covered = 0.0;
                foreach (var (variants, weight, answerCredit) in groups)
                {
                    covered += weight * Credit(index, hit.EntryIndex, question, variants, answerCredit, asked);
                }
                foreach (var term in queryStopTerms)
                {
                    if (Array.BinarySearch(question, term) >= 0)
                    {
                        covered += minorWeight;
                        asked.Add(term);
                    }
                }
                var coverage = totalWeight > 0 ? covered / totalWeight : 0;
                // ...and how much of the entry's question the visitor asked about.
                double askedWeight = 0, questionWeight = 0;
                foreach (var term in question)
                {
                    var termWeight = stopTerms.Contains(term) ? minorWeight : Idf(index.TermDocFrequency(term), entryCount);
                    questionWeight += termWeight;
                    if (asked.Contains(term))
                    {
                        askedWeight += termWeight;
                    }
                }
                var fit = questionWeight > 0 ? askedWeight / questionWeight : 0;
                // Ranking leans on the fit to pick between similar questions; confidence barely does, since
                // extra words in a good entry's question do not make it a worse answer.
                var rank = coverage * (1 - options.QuestionFitWeight + options.QuestionFitWeight * fit);
                if (rank > best)
                {
                    best = rank;
                    confidence = coverage * (1 - options.ConfidenceFitWeight + options.ConfidenceFitWeight * fit);
                }
            }
            var relative = Math.Clamp(hit.Bm25 / topBm25, 0, 1);
            var entry = index.Entries[hit.EntryIndex];
            var factor = (1 - options.Bm25Weight + options.Bm25Weight * relative) * (entry.IsTruncated ? options.TruncatedPenalty : 1);
            candidates.Add((new AnswerCandidate(entry, Math.Clamp(confidence * factor, 0, 1)), best * factor));
        }
        // Stable sort keeps BM25 order between equal scores.
        return candidates.OrderByDescending(c => c.Rank).ThenByDescending(c => c.Candidate.Score)
            .Take(Math.Max(options.MaxCandidates, options.MaxClarifyOptions)).Select(c => c.Candidate).ToList();
    }

    private static double Idf(int documentFrequency, int entryCount) => Math.Log(1 + entryCount / (documentFrequency + 0.5));

    /// <summary>Applies the thresholds to ranked candidates (exposed so `eval --sweep` can try others).</summary>
    public static AnswerResult Decide(IReadOnlyList<AnswerCandidate> ranked, double noAnswerBelow, double clarifyMargin, SearchOptions options)
    {
        var top = ranked.Take(options.MaxCandidates).ToList();
        if (top.Count == 0 || top[0].Score < noAnswerBelow)
        {
            return new AnswerResult(AnswerOutcome.NoAnswer, top);
        }
        var close = new List<AnswerCandidate> { top[0] };
        var questions = new HashSet<string>(StringComparer.Ordinal) { QuestionKey(top[0].Entry) };
        foreach (var candidate in top.Skip(1))
        {
            if (close.Count >= options.MaxClarifyOptions || candidate.Score < top[0].Score - clarifyMargin || candidate.Score < noAnswerBelow)
            {
                break;
            }
            // Two sources asking the same question are one choice, not two.
            if (questions.Add(QuestionKey(candidate.Entry)))
            {
                close.Add(candidate);
            }
        }
        if (close.Count >= 2)
        {
            return new AnswerResult(AnswerOutcome.Clarify, close.Concat(top.Except(close)).ToList());
        }
        return new AnswerResult(AnswerOutcome.Answer, top);
    }

    /// <summary>1 when a variant of the group is in the question (its terms are added to <paramref name="asked"/>),
    /// the answer credit when it is only in the answer, else 0.</summary>
    private static double Credit(FaqIndex index, int entryIndex, int[] question, int[][] variants, double answerCredit, HashSet<int> asked)
    {
        var best = 0.0;
        foreach (var variant in variants)
        {
            if (variant.Length == 0 || variant.Any(id => id < 0))
            {
                continue;
            }
            if (variant.All(id => Array.BinarySearch(question, id) >= 0))
            {
                asked.UnionWith(variant);
                best = 1;
            }
            else if (best < answerCredit && variant.All(id => Array.BinarySearch(question, id) >= 0 || index.AnswerHas(entryIndex, id)))
            {
                best = answerCredit;
            }
        }
        return best;
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<FaqEntry, string> QuestionKeys = new();

    private static string QuestionKey(FaqEntry entry) => QuestionKeys.GetValue(entry, e =>
        string.Join(' ', TextAnalysis.Words(e.Question).Select(TextAnalysis.LightStem).Order(StringComparer.Ordinal)));
}
