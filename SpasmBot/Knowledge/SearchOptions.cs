namespace SpasmBot.Knowledge;

/// <summary>
/// Search and answer-selection settings, bound from "Knowledge:Search". The two thresholds were chosen
/// with `eval --sweep` on the training split of corpus/eval/questions.tsv (see the search notes).
/// </summary>
public sealed class SearchOptions
{
    public const string SectionName = "Knowledge:Search";

    public double QuestionWeight { get; set; } = 10;
    public double AlternatesWeight { get; set; } = 8;
    public double AnswerWeight { get; set; } = 2;
    public double SectionWeight { get; set; } = 3;

    /// <summary>Long messages: only their first words are searched.</summary>
    public int MaxQueryTerms { get; set; } = 60;

    /// <summary>Words in more than this share of entries are not searched when rarer words are present (scored all the same).</summary>
    public double CommonTermShare { get; set; } = 0.15;

    /// <summary>How many full-text hits are re-scored.</summary>
    public int CandidatePool { get; set; } = 50;

    /// <summary>How many ranked candidates a result carries.</summary>
    public int MaxCandidates { get; set; } = 5;

    /// <summary>Credit for a query word found only in an entry's answer (1 when found in its question).</summary>
    public double AnswerMatchCredit { get; set; } = 0.5;

    /// <summary>Share of the confidence that depends on how much of the entry's own question was asked about.</summary>
    public double QuestionFitWeight { get; set; } = 0.6;

    /// <summary>The same share for the confidence reported and thresholded (smaller: extra words in a good question are no reason to doubt it).</summary>
    public double ConfidenceFitWeight { get; set; } = 0.2;

    /// <summary>Weight of a stop word ("what", "when", "is") when comparing a question with an entry's question.</summary>
    public double StopWordWeight { get; set; } = 0.3;

    /// <summary>Share of the confidence that depends on BM25 relative to the best hit.</summary>
    public double Bm25Weight { get; set; } = 0;

    /// <summary>How much of the missing answer credit a rare word earns (0: none, 1: a word in one entry counts fully).</summary>
    public double RareAnswerBonus { get; set; } = 0.5;

    /// <summary>Weight of a word the index has never seen, relative to the rarest known word.</summary>
    public double UnknownTermWeight { get; set; } = 1.0;

    /// <summary>Multiplier for answers cut off in their source, so complete answers rank first.</summary>
    public double TruncatedPenalty { get; set; } = 0.85;

    /// <summary>Below this confidence the bot says it does not know.</summary>
    public double NoAnswerBelow { get; set; } = 0.40;

    /// <summary>Runners-up within this distance of the best make the bot ask which one was meant.</summary>
    public double ClarifyMargin { get; set; } = 0.0;

    public int MaxClarifyOptions { get; set; } = 3;

    /// <summary>How many distinct questions keep their answer in memory (0 turns the cache off).</summary>
    public int AnswerCacheSize { get; set; } = 10_000;

    public ColumnWeights Weights => new(QuestionWeight, AlternatesWeight, AnswerWeight, SectionWeight);
}
