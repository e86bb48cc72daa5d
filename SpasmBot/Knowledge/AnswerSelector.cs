namespace SpasmBot.Knowledge;

/// <summary>
/// Scores full-text hits with a confidence in [0, 1] and decides answer, clarify or no-answer.
/// Confidence is how much of the question's content (rare words count more) an entry covers, mostly in
/// its question, scaled a little by BM25 relative to the best hit, so off-topic words pull it down.
/// </summary>
public static class AnswerSelector
{
    public static AnswerResult Select(FaqIndex index, AnalyzedQuery query, SearchOptions options)
    {
        var scored = Score(index, query, options);
        return Decide(scored, options.NoAnswerBelow, options.ClarifyMargin, options);
    }

    /// <summary>Ranked candidates, best first (empty when nothing matched).</summary>
    public static List<AnswerCandidate> Score(FaqIndex index, AnalyzedQuery query, SearchOptions options)
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
        var maxIdf = Math.Log(1 + entryCount / 0.5);
        var groups = new (int[][] Variants, double Weight)[query.Groups.Count];
        var totalWeight = 0.0;
        for (var g = 0; g < groups.Length; g++)
        {
            var variants = query.Groups[g].Variants
                .Select(v => v.Select(w => index.TermId(TextAnalysis.LightStem(w))).ToArray())
                .ToArray();
            var documentFrequency = variants.Max(v => v.Length == 0 || v.Any(id => id < 0) ? 0 : v.Min(index.TermDocFrequency));
            var weight = documentFrequency == 0
                ? maxIdf * options.UnknownTermWeight
                : Math.Log(1 + entryCount / (documentFrequency + 0.5));
            groups[g] = (variants, weight);
            totalWeight += weight;
        }

        var topBm25 = hits[0].Bm25 > 0 ? hits[0].Bm25 : 1;
        var candidates = new List<AnswerCandidate>(hits.Count);
        foreach (var hit in hits)
        {
            var covered = 0.0;
            foreach (var (variants, weight) in groups)
            {
                covered += weight * Credit(index, hit.EntryIndex, variants, options.AnswerMatchCredit);
            }
            var coverage = totalWeight > 0 ? covered / totalWeight : 0;
            var relative = Math.Clamp(hit.Bm25 / topBm25, 0, 1);
            var entry = index.Entries[hit.EntryIndex];
            var score = coverage * (0.75 + 0.25 * relative) * (entry.IsTruncated ? options.TruncatedPenalty : 1);
            candidates.Add(new AnswerCandidate(entry, Math.Clamp(score, 0, 1)));
        }
        // Stable sort keeps BM25 order between equal scores.
        return candidates.OrderByDescending(c => c.Score).Take(Math.Max(options.MaxCandidates, options.MaxClarifyOptions)).ToList();
    }

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

    private static double Credit(FaqIndex index, int entryIndex, int[][] variants, double answerCredit)
    {
        var best = 0.0;
        foreach (var variant in variants)
        {
            if (variant.Length == 0 || variant.Any(id => id < 0))
            {
                continue;
            }
            if (variant.All(id => index.QuestionHas(entryIndex, id)))
            {
                return 1;
            }
            if (variant.All(id => index.QuestionHas(entryIndex, id) || index.AnswerHas(entryIndex, id)))
            {
                best = answerCredit;
            }
        }
        return best;
    }

    private static string QuestionKey(FaqEntry entry) =>
        string.Join(' ', TextAnalysis.Words(entry.Question).Select(TextAnalysis.LightStem).Order(StringComparer.Ordinal));
}
