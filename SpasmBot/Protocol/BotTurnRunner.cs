using SpasmBot.Conversation;

namespace SpasmBot.Protocol;

/// <summary>Where one turn's outgoing activities go: the channel's serviceUrl, an expectReplies buffer, or a Direct Line conversation.</summary>
public interface IReplySink
{
    Task<ResourceResponse> SendAsync(Activity activity, CancellationToken cancellationToken);
}

/// <summary>
/// Runs one turn: builds the turn context, runs the registered middleware (in order) around the bot,
/// handles errors (log, apologise, clear conversation state), drops outgoing traces except on the
/// emulator channel after middleware has seen them, and returns the invoke response for invokes.
/// Used by /api/messages and by the embedded Direct Line.
/// </summary>
/// <remarks>
/// The bot and the middleware are resolved from a fresh DI scope per turn, so either may be scoped.
/// Middleware is registered with <c>services.AddSingleton&lt;IMiddleware, MyMiddleware&gt;()</c> and runs in registration order.
/// </remarks>
public sealed class BotTurnRunner(IServiceScopeFactory scopes, ILogger<BotTurnRunner> logger)
{
    public const string ApologyText = "Sorry, something went wrong on my side. Please try again.";

    /// <summary>How long a message turn may run before a typing indicator is sent, and how often it repeats.</summary>
    internal TimeSpan TypingDelay { get; init; } = TimeSpan.FromMilliseconds(500);
    internal TimeSpan TypingPeriod { get; init; } = TimeSpan.FromMilliseconds(2500);

    public async Task<InvokeResponse?> RunTurnAsync(Activity activity, IReplySink replies, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentNullException.ThrowIfNull(replies);

        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var context = new TurnContext(activity, replies);
        var failed = false;

        var typing = ShouldShowTyping(activity) ? TypingIndicator.Start(context, TypingDelay, TypingPeriod, logger) : null;
        try
        {
            var bot = services.GetRequiredService<IBot>();
            var middleware = services.GetServices<IMiddleware>().ToArray();
            await RunPipelineAsync(context, middleware, 0, bot, cancellationToken);
        }
        catch (Exception ex) when (!(ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            failed = true;
            await OnTurnErrorAsync(context, ex, services);
        }
        finally
        {
            if (typing is not null)
            {
                await typing.StopAsync();
            }
        }

        if (activity.Type != ActivityTypes.Invoke)
        {
            return null;
        }
        if (failed)
        {
            return new InvokeResponse(500);
        }
        // A bot that set no invoke response did not handle the invoke: 501, as in the SDK.
        return context.TurnState.TryGetValue(ActivityHandler.InvokeResponseKey, out var value) && value is InvokeResponse response
            ? response
            : new InvokeResponse(501);
    }

    private static Task RunPipelineAsync(TurnContext context, IMiddleware[] middleware, int index, IBot bot, CancellationToken cancellationToken)
    {
        if (index == middleware.Length)
        {
            return bot.OnTurnAsync(context, cancellationToken);
        }
        return middleware[index].OnTurnAsync(context, ct => RunPipelineAsync(context, middleware, index + 1, bot, ct), cancellationToken);
    }

    /// <summary>
    /// Typing matters while a channel waits for replies that arrive one by one. An expectReplies caller
    /// gets everything at once at the end, so a typing activity there would only be noise.
    /// </summary>
    private static bool ShouldShowTyping(Activity activity)
        => activity.Type == ActivityTypes.Message
           && !string.Equals(activity.DeliveryMode, "expectReplies", StringComparison.OrdinalIgnoreCase);

    /// <summary>The SDK's OnTurnError: log, tell the user, and drop conversation state that may be what broke the turn.</summary>
    private async Task OnTurnErrorAsync(TurnContext context, Exception exception, IServiceProvider services)
    {
        var conversationId = context.Activity.Conversation?.Id;
        logger.LogError(exception, "Turn failed for a {ActivityType} activity in conversation {ConversationId}", context.Activity.Type, conversationId);

        try
        {
            await context.SendActivityAsync(new Activity { Type = ActivityTypes.Message, Text = ApologyText }, CancellationToken.None);
        }
        catch (Exception sendError)
        {
            logger.LogError(sendError, "Could not send the apology to conversation {ConversationId}", conversationId);
        }

        var store = services.GetService<IConversationStateStore>();
        if (store is not null && !string.IsNullOrEmpty(conversationId))
        {
            try
            {
                await store.DeleteAsync(conversationId, CancellationToken.None);
            }
            catch (Exception deleteError)
            {
                logger.LogError(deleteError, "Could not clear the state of conversation {ConversationId}", conversationId);
            }
        }
    }
}
