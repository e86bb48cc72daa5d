namespace SpasmBot.Knowledge;

/// <summary>One clean FAQ entry built from the corpus, with where it came from.</summary>
public sealed record FaqEntry
{
    /// <summary>Stable across ingest runs: derived from the source and the question, not from order.</summary>
    public required string Id { get; init; }
    public required string Question { get; init; }
    public IReadOnlyList<string> AlternateQuestions { get; init; } = [];
    public required string Answer { get; init; }
    /// <summary>Source file name under corpus/sources (or "overrides").</summary>
    public required string SourceDocument { get; init; }
    public string Section { get; init; } = "";
    public string Topic { get; init; } = "";
    /// <summary>The answer was cut off in the source ("…"); ranked below complete answers.</summary>
    public bool IsTruncated { get; init; }
    /// <summary>Other documents that answered the same question (merged duplicates).</summary>
    public IReadOnlyList<string> FurtherSources { get; init; } = [];
}
