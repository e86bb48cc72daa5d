namespace SpasmBot.Transcripts;

/// <summary>Keys the conversation sets in ITurnContext.TurnState for the transcript middleware.</summary>
public static class TranscriptTurnState
{
    /// <summary>
    /// Set to true when a visitor confirmed "forget me": after the turn, the transcript middleware erases
    /// the conversation (leaving an audit row without content) instead of logging it.
    /// </summary>
    public const string EraseConversationRequested = "SpasmBot.EraseConversationRequested";
}
