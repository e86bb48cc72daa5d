namespace SpasmBot.Knowledge.Ingestion;

/// <summary>What happened to one source document.</summary>
public sealed class SourceReport
{
    public required string Document { get; init; }
    public string Kind { get; set; } = "";
    /// <summary>Entries this document contributed after merging (entries whose kept answer came from it).</summary>
    public int Entries { get; set; }
    public int Passages { get; set; }
    public int BoilerplateLines { get; set; }
    public int BoilerplateSentences { get; set; }
    public int Repairs { get; set; }
    public int FragmentsDropped { get; set; }
    public int Truncated { get; set; }
}

public sealed record MergedDuplicate(string KeptId, string KeptQuestion, string MergedQuestion, string MergedSource);

public sealed record DroppedFragment(string Document, string Question, string Reason, string Text);

/// <summary>The account `corpus report` prints: entries per source, boilerplate dropped, repairs, merges.</summary>
public sealed class IngestReport
{
    public List<SourceReport> Sources { get; } = [];
    /// <summary>Times each repair rule fired, by rule name ("003: tin -> can").</summary>
    public SortedDictionary<string, int> RepairsApplied { get; } = new(StringComparer.Ordinal);
    public List<MergedDuplicate> Merged { get; } = [];
    public List<DroppedFragment> Fragments { get; } = [];
    public int TotalEntries { get; set; }
    public int TruncatedEntries { get; set; }

    public SourceReport For(string document) => Sources.First(s => s.Document == document);
}
