namespace SpasmBot.Transcripts;

/// <summary>
/// One thing to write, in order: a logged activity, or the erasure of a conversation. Erasures travel through the
/// same queue as activities so that nothing logged earlier can land after the erase and bring the data back.
/// Serialised as one JSON record in the journal.
/// </summary>
public sealed record TranscriptEvent
{
    public const string ActivityKind = "activity";
    public const string EraseKind = "erase";

    /// <summary>
    /// Unique; the store ignores an id it already has, so replaying a journal twice writes once. Time-ordered (UUID v7), so
    /// the store's unique index grows at its end instead of at random places (half the cost of inserting a row).
    /// </summary>
    public string EventId { get; init; } = Guid.CreateVersion7().ToString("N");
    public string Kind { get; init; } = ActivityKind;
    public required string ConversationId { get; init; }
    public string Channel { get; init; } = "";
    /// <summary>Pseudonymous user id (<see cref="UserPseudonymizer"/>).</summary>
    public string UserId { get; init; } = "";
    public DateTimeOffset At { get; init; } = DateTimeOffset.UtcNow;
    /// <summary>"in" from the visitor, "out" from the bot.</summary>
    public string Direction { get; init; } = TranscriptDirections.In;
    public string ActivityType { get; init; } = "message";
    /// <summary>Already redacted.</summary>
    public string? Text { get; init; }
    public string? Route { get; init; }
    public string? FaqId { get; init; }
    public double? Score { get; init; }
    public string? SafetyTier { get; init; }
    /// <summary>Safety rule ids, comma separated.</summary>
    public string? Signals { get; init; }
    public bool? Helpful { get; init; }
    /// <summary>The decision trace's value as JSON (route, scores, runners-up, safety).</summary>
    public string? DecisionJson { get; init; }
    /// <summary>On erasures: who asked ("visitor", an operator's name).</summary>
    public string? Actor { get; init; }
}

public static class TranscriptDirections
{
    public const string In = "in";
    public const string Out = "out";
}
