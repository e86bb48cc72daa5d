namespace SpasmBot.Knowledge;

public enum AnswerOutcome { Answer, Clarify, NoAnswer }

/// <summary>A candidate entry with a confidence in [0, 1].</summary>
public sealed record AnswerCandidate(FaqEntry Entry, double Score);

/// <summary>What retrieval decided for one question: the outcome and the ranked candidates (best first).</summary>
public sealed record AnswerResult(AnswerOutcome Outcome, IReadOnlyList<AnswerCandidate> Candidates)
{
    public AnswerCandidate? Best => Candidates.Count > 0 ? Candidates[0] : null;
}
