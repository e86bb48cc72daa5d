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
