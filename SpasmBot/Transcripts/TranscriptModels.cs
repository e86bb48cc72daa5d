namespace SpasmBot.Transcripts;

/// <summary>Outcomes an operator filters on; a conversation has every outcome any of its turns had.</summary>
[Flags]
public enum Outcomes : long
{
    None = 0,
    Emergency = 1,
    Crisis = 2,
    Urgent = 4,
    Triage = 8,
    Answered = 16,
    Clarify = 32,
    Unanswered = 64,
    NegativeFeedback = 128,
    PositiveFeedback = 256,
    Failed = 512,
}

/// <summary>One row of the conversation list.</summary>
public sealed class ConversationSummary
{
    public string Id { get; set; } = "";
    public string Channel { get; set; } = "";
    public string UserId { get; set; } = "";
    public long StartedAt { get; set; }
    public long LastAt { get; set; }
    public long MessageCount { get; set; }
    public long Outcomes { get; set; }
    public string? FirstQuestion { get; set; }
    public bool Reviewed { get; set; }
    public string Notes { get; set; } = "";
    public List<string> Tags { get; set; } = [];

    public DateTimeOffset Started => DateTimeOffset.FromUnixTimeMilliseconds(StartedAt);
    public DateTimeOffset Last => DateTimeOffset.FromUnixTimeMilliseconds(LastAt);
    public Outcomes OutcomeFlags => (Outcomes)Outcomes;
}

/// <summary>One logged activity.</summary>
public sealed class TranscriptMessage
{
    public long Seq { get; set; }
    public string ConversationId { get; set; } = "";
    public long At { get; set; }
    public string Direction { get; set; } = "";
    public string ActivityType { get; set; } = "";
    public string? Text { get; set; }
    public string? Route { get; set; }
    public string? FaqId { get; set; }
    public double? Score { get; set; }
    public string? SafetyTier { get; set; }
    public string? Signals { get; set; }
    public bool? Helpful { get; set; }
    public string? DecisionJson { get; set; }

    public DateTimeOffset Time => DateTimeOffset.FromUnixTimeMilliseconds(At);
}

public sealed record ConversationDetail(ConversationSummary Summary, IReadOnlyList<TranscriptMessage> Messages);

/// <summary>What the conversation list is narrowed to. Every value reaches SQL as a parameter.</summary>
public sealed record ConversationFilter
{
    public DateTimeOffset? From { get; init; }
    /// <summary>Exclusive.</summary>
    public DateTimeOffset? To { get; init; }
    public string? Channel { get; init; }
    public Outcomes Outcome { get; init; }
    public bool? Reviewed { get; init; }
    public string? Tag { get; init; }
    /// <summary>Substring searched in the (redacted) message text, case-insensitive.</summary>
    public string? Search { get; init; }
    public string? UserId { get; init; }
}

/// <summary>A page of conversations, newest first, and the cursor of the next page (null on the last).</summary>
public sealed record ConversationPage(IReadOnlyList<ConversationSummary> Items, string? NextCursor);

/// <summary>An audit row: who did what, when; never message content.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public long At { get; set; }
    public string Actor { get; set; } = "";
    public string Action { get; set; } = "";
    public string Target { get; set; } = "";
    public string Detail { get; set; } = "";

    public DateTimeOffset Time => DateTimeOffset.FromUnixTimeMilliseconds(At);
}

public sealed record DayCount(DateOnly Day, long Count);

public sealed record QuestionCount(string Text, string? FaqId, long Count);

/// <summary>Numbers for the dashboard over one window.</summary>
public sealed record TranscriptStats(
    IReadOnlyList<DayCount> ConversationsPerDay,
    IReadOnlyList<DayCount> MessagesPerDay,
    IReadOnlyList<DayCount> EscalationsPerDay,
    long Answered,
    long Clarified,
    long Unanswered,
    long HelpfulYes,
    long HelpfulNo,
    IReadOnlyList<QuestionCount> TopAnswered);
