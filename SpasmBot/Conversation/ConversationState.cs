namespace SpasmBot.Conversation;

/// <summary>What SpasmBot remembers about one conversation between turns.</summary>
public sealed class ConversationState
{
    public DateTimeOffset LastActivity { get; set; } = DateTimeOffset.UtcNow;

    /// <summary>The FAQ entry answered last, for "helpful" / "not helpful" typed as text.</summary>
    public string? LastFaqId { get; set; }

    /// <summary>FAQ ids offered as numbered choices or buttons (clarify, related questions).</summary>
    public List<string> OfferedFaqIds { get; set; } = [];

    /// <summary>The safety checklist in progress, if any.</summary>
    public PendingTriage? Triage { get; set; }

    /// <summary>The visitor asked to be forgotten and SpasmBot is waiting for their confirmation.</summary>
    public bool ConfirmingErasure { get; set; }
}

/// <summary>A triage checklist being asked: the message that started it and how far it has got.</summary>
public sealed class PendingTriage
{
    public required string OriginalQuestion { get; init; }
    public IReadOnlyList<string> Signals { get; init; } = [];
    public int NextQuestion { get; set; }
}
