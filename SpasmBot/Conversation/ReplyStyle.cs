namespace SpasmBot.Conversation;

/// <summary>How rich a reply may be on a channel: cards, suggested-action buttons, call buttons.</summary>
public sealed record ReplyStyle(bool Cards, bool SuggestedActions, bool CallButtons)
{
    public static ReplyStyle For(string? channelId) => channelId switch
    {
        "sms" or "email" or "slack" or "telegram" or "facebook" => new ReplyStyle(false, channelId is "slack" or "telegram" or "facebook", false),
        _ => new ReplyStyle(true, true, true),
    };
}
