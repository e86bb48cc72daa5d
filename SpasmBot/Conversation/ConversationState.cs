namespace SpasmBot.Conversation;

/// <summary>What SpasmBot remembers about one conversation between turns.</summary>
public sealed class ConversationState
{
    public DateTimeOffset LastActivity { get; set; } = DateTimeOffset.UtcNow;
}
