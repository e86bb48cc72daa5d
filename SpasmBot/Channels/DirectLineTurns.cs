using System.Text.Json;
using Microsoft.Extensions.Options;
using SpasmBot.Protocol;

namespace SpasmBot.Channels;

/// <summary>
/// The bot side of the embedded Direct Line: stamps what a visitor posts, echoes it into the log (Web Chat waits
/// for that echo, matched by <c>channelData.clientActivityID</c>), and runs the bot's turn in process.
/// </summary>
public sealed class DirectLineTurns(BotTurnRunner runner, IOptions<DirectLineOptions> options, TimeProvider time)
{
    private readonly DirectLineOptions _options = options.Value;

    /// <summary>Tells the bot the conversation started, as Azure does: a conversationUpdate adding the bot and the user.</summary>
    public async Task StartAsync(DirectLineConversation conversation, string serviceUrl, CancellationToken cancellationToken)
    {
        var update = new Activity
        {
            Type = ActivityTypes.ConversationUpdate,
            // Not in the log: Direct Line never sends conversationUpdate to clients.
            Id = $"{conversation.Id}|start",
            MembersAdded =
            [
                new ChannelAccount { Id = _options.BotId, Name = _options.BotName, Role = "bot" },
                new ChannelAccount { Id = conversation.UserId, Role = "user" },
            ],
        };
        await RunAsync(conversation, Stamp(update, conversation, serviceUrl), cancellationToken);
    }

    /// <summary>Echoes the visitor's activity into the log and runs the turn; returns the activity's id.</summary>
    public async Task<string> PostAsync(DirectLineConversation conversation, Activity activity, string serviceUrl, CancellationToken cancellationToken)
    {
        Stamp(activity, conversation, serviceUrl);
        activity.From = new ChannelAccount
        {
            // The user is who the token says, whatever the page wrote.
            Id = conversation.UserId,
            Name = activity.From?.Name,
            Role = "user",
        };
        var id = conversation.Append(activity);
        // The bot gets its own copy: middleware may rewrite text, and the echo must stay as the visitor sent it.
        var copy = JsonSerializer.Deserialize<Activity>(JsonSerializer.Serialize(activity, ProtocolJson.Options), ProtocolJson.Options)!;
        await RunAsync(conversation, copy, cancellationToken);
        return id;
    }

    private async Task RunAsync(DirectLineConversation conversation, Activity activity, CancellationToken cancellationToken)
    {
        await conversation.TurnLock.WaitAsync(cancellationToken);
        try
        {
            await runner.RunTurnAsync(activity, new DirectLineReplySink(conversation, activity, time), cancellationToken);
        }
        finally
        {
            conversation.TurnLock.Release();
        }
    }

    private Activity Stamp(Activity activity, DirectLineConversation conversation, string serviceUrl)
    {
        activity.Timestamp = time.GetUtcNow();
        activity.ChannelId = _options.ChannelId;
        activity.ServiceUrl = serviceUrl;
        activity.Conversation = new ConversationAccount { Id = conversation.Id };
        activity.Recipient = new ChannelAccount { Id = _options.BotId, Name = _options.BotName, Role = "bot" };
        activity.From ??= new ChannelAccount { Id = conversation.UserId, Role = "user" };
        return activity;
    }
}
