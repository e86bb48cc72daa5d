namespace SpasmBot.Conversation;

/// <summary>
/// Per-conversation dialog state (pending triage checklist, last answer, ...), keyed by conversation id.
/// In memory by default, expiring after inactivity; an interface so a shared store can replace it.
/// </summary>
public interface IConversationStateStore
{
    Task<ConversationState> LoadAsync(string conversationId, CancellationToken cancellationToken = default);

    Task SaveAsync(string conversationId, ConversationState state, CancellationToken cancellationToken = default);

    /// <summary>Clears broken state after a failed turn, or on "start over".</summary>
    Task DeleteAsync(string conversationId, CancellationToken cancellationToken = default);
}
