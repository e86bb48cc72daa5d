namespace SpasmBot.Knowledge.Ingestion;

/// <summary>An entry being built from one passage of one source, before duplicates are merged.</summary>
internal sealed class DraftEntry
{
    public required string Document { get; init; }
    public string Section { get; init; } = "";
    public required string Question { get; set; }
    public List<string> Alternates { get; } = [];
    /// <summary>Answer parts: prose paragraphs, or lists whose lines start with "- ".</summary>
    public List<string> Parts { get; } = [];
    /// <summary>Position in the document, to keep output in reading order.</summary>
    public int Order { get; init; }
    public bool Truncated { get; set; }

    public string Answer => AnswerText.Tidy(string.Join("\n\n", Parts));
}
