namespace SpasmBot.Protocol;

/// <summary>
/// One turn: the inbound activity and a way to send replies. Shaped like the SDK's ITurnContext so a
/// Bot Framework developer recognises it; the adapter decides where sent activities go
/// (POSTed to the channel's serviceUrl, or buffered for an expectReplies response).
/// </summary>
public interface ITurnContext
{
    Activity Activity { get; }

    /// <summary>Free-form per-turn values (the SDK's TurnState), e.g. the decision trace.</summary>
    IDictionary<string, object> TurnState { get; }

    /// <summary>True once the bot has sent any activity in this turn.</summary>
    bool Responded { get; }

    Task<ResourceResponse> SendActivityAsync(Activity activity, CancellationToken cancellationToken = default);

    /// <summary>Sends several activities in order.</summary>
    Task<ResourceResponse[]> SendActivitiesAsync(IReadOnlyList<Activity> activities, CancellationToken cancellationToken = default);

    /// <summary>Lets middleware observe (and log) every activity the turn sends, traces included.</summary>
    void OnSendActivities(SendActivitiesHandler handler);
}

public delegate Task<ResourceResponse[]> SendActivitiesHandler(
    ITurnContext turnContext, IReadOnlyList<Activity> activities, Func<Task<ResourceResponse[]>> next);

/// <summary>Runs around every turn, in registration order, like the SDK's IMiddleware.</summary>
public interface IMiddleware
{
    Task OnTurnAsync(ITurnContext turnContext, Func<CancellationToken, Task> next, CancellationToken cancellationToken);
}

/// <summary>The bot's logic for one turn, like the SDK's IBot.</summary>
public interface IBot
{
    Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken);
}

/// <summary>
/// The turn context the <see cref="BotTurnRunner"/> builds. Outgoing activities get the conversation
/// reference filled in, pass through the OnSendActivities handlers (so middleware sees traces too),
/// and only then are traces dropped for channels other than the Emulator, as the SDK's adapter does.
/// </summary>
public sealed class TurnContext : ITurnContext
{
    private readonly IReplySink _replies;
    private readonly List<SendActivitiesHandler> _sendHandlers = [];
    // Serialises delivery so the typing loop and the bot never write to the sink at the same time.
    private readonly SemaphoreSlim _deliveryLock = new(1, 1);

    public TurnContext(Activity activity, IReplySink replies)
    {
        Activity = activity ?? throw new ArgumentNullException(nameof(activity));
        _replies = replies ?? throw new ArgumentNullException(nameof(replies));
    }

    public Activity Activity { get; }

    public IDictionary<string, object> TurnState { get; } = new Dictionary<string, object>();

    public bool Responded { get; private set; }

    public async Task<ResourceResponse> SendActivityAsync(Activity activity, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var responses = await SendActivitiesAsync([activity], cancellationToken);
        return responses.Length > 0 ? responses[0] : new ResourceResponse();
    }

    public Task<ResourceResponse[]> SendActivitiesAsync(IReadOnlyList<Activity> activities, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(activities);
        if (activities.Count == 0)
        {
            return Task.FromResult(Array.Empty<ResourceResponse>());
        }

        var outgoing = new List<Activity>(activities.Count);
        foreach (var activity in activities)
        {
            outgoing.Add(ApplyConversationReference(activity));
        }
        return RunSendHandlersAsync(0, outgoing, cancellationToken);
    }

    public void OnSendActivities(SendActivitiesHandler handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        _sendHandlers.Add(handler);
    }

    /// <summary>
    /// Sends a typing indicator straight to the sink, past the send handlers (the SDK's ShowTypingMiddleware
    /// also goes to the adapter directly, so transcripts do not fill up with typing). Skipped once
    /// <paramref name="stopped"/> is cancelled, even if it was waiting for the bot's own send to finish.
    /// </summary>
    internal async Task SendTypingAsync(CancellationToken stopped)
    {
        var typing = ApplyConversationReference(new Activity { Type = ActivityTypes.Typing });
        await _deliveryLock.WaitAsync(stopped);
        try
        {
            if (!stopped.IsCancellationRequested)
            {
                await _replies.SendAsync(typing, stopped);
            }
        }
        finally
        {
            _deliveryLock.Release();
        }
    }

    private Task<ResourceResponse[]> RunSendHandlersAsync(int index, List<Activity> activities, CancellationToken cancellationToken)
    {
        if (index == _sendHandlers.Count)
        {
            return DeliverAsync(activities, cancellationToken);
        }
        return _sendHandlers[index](this, activities, () => RunSendHandlersAsync(index + 1, activities, cancellationToken));
    }

    private async Task<ResourceResponse[]> DeliverAsync(List<Activity> activities, CancellationToken cancellationToken)
    {
        var responses = new ResourceResponse[activities.Count];
        var sentVisible = false;
        await _deliveryLock.WaitAsync(cancellationToken);
        try
        {
            for (var i = 0; i < activities.Count; i++)
            {
                var activity = activities[i];
                if (activity.Type == ActivityTypes.Trace && activity.ChannelId != "emulator")
                {
                    // Traces are for the Emulator only; middleware has already seen this one.
                    responses[i] = new ResourceResponse();
                    continue;
                }
                responses[i] = await _replies.SendAsync(activity, cancellationToken);
                sentVisible |= activity.Type != ActivityTypes.Trace;
            }
        }
        finally
        {
            _deliveryLock.Release();
        }

        if (sentVisible)
        {
            Responded = true;
        }
        return responses;
    }

    /// <summary>Fills what the bot left out from the inbound activity: the reply goes back where the message came from.</summary>
    private Activity ApplyConversationReference(Activity outgoing)
    {
        var inbound = Activity;
        outgoing.ChannelId ??= inbound.ChannelId;
        outgoing.ServiceUrl ??= inbound.ServiceUrl;
        outgoing.Conversation ??= inbound.Conversation;
        outgoing.From ??= inbound.Recipient is null ? null : new ChannelAccount { Id = inbound.Recipient.Id, Name = inbound.Recipient.Name, Role = "bot" };
        outgoing.Recipient ??= inbound.From is null ? null : new ChannelAccount { Id = inbound.From.Id, Name = inbound.From.Name };
        if (outgoing.Type != ActivityTypes.Trace)
        {
            outgoing.Locale ??= inbound.Locale;
        }

        // A conversationUpdate is never shown by Web Chat, so a reply to it would wait there for an
        // activity that never comes (the SDK's "fake replyToId" fix).
        var hiddenInbound = inbound.Type == ActivityTypes.ConversationUpdate
            && (inbound.ChannelId == "directline" || inbound.ChannelId == "webchat");
        if (hiddenInbound)
        {
            if (outgoing.ReplyToId == inbound.Id)
            {
                outgoing.ReplyToId = null;
            }
        }
        else
        {
            outgoing.ReplyToId ??= inbound.Id;
        }
        return outgoing;
    }
}
