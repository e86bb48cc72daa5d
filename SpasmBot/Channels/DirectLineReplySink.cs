using SpasmBot.Protocol;

namespace SpasmBot.Channels;

/// <summary>Delivers the bot's replies in an embedded Direct Line conversation: stamped and appended to its log.</summary>
public sealed class DirectLineReplySink(DirectLineConversation conversation, Activity inbound, TimeProvider time) : IReplySink
{
    public Task<ResourceResponse> SendAsync(Activity activity, CancellationToken cancellationToken)
    {
        // Traces are for the Emulator's inspector; a page never shows them.
        if (activity.Type == ActivityTypes.Trace)
        {
            return Task.FromResult(new ResourceResponse());
        }
        activity.Timestamp = time.GetUtcNow();
        activity.ChannelId = inbound.ChannelId;
        activity.ServiceUrl = null;
        activity.Conversation = new ConversationAccount { Id = conversation.Id };
        // Web Chat treats only role "bot" as the bot.
        activity.From = new ChannelAccount
        {
            Id = inbound.Recipient?.Id,
            Name = activity.From?.Name ?? inbound.Recipient?.Name,
            Role = "bot",
        };
        activity.Recipient = new ChannelAccount { Id = conversation.UserId, Role = "user" };
        // A reply to something the page never saw (the conversationUpdate) makes Web Chat wait 5 s for it.
        if (!conversation.Contains(activity.ReplyToId))
        {
            activity.ReplyToId = null;
        }
        return Task.FromResult(new ResourceResponse { Id = conversation.Append(activity) });
    }
}
