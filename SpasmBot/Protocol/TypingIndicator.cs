namespace SpasmBot.Protocol;

/// <summary>
/// Like the SDK's ShowTypingMiddleware: a message turn still running after a short delay sends "typing",
/// then again every period, until the bot sends a message or the turn ends. Fast turns send none.
/// </summary>
internal sealed class TypingIndicator
{
    private readonly CancellationTokenSource _stop = new();
    private Task _loop = Task.CompletedTask;

    public static TypingIndicator Start(TurnContext context, TimeSpan delay, TimeSpan period, ILogger logger)
    {
        var indicator = new TypingIndicator();
        context.OnSendActivities((turn, activities, next) =>
        {
            if (activities.Any(a => a.Type == ActivityTypes.Message))
            {
                indicator._stop.Cancel();
            }
            return next();
        });
        indicator._loop = indicator.RunAsync(context, delay, period, logger);
        return indicator;
    }

    public async Task StopAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            _stop.Cancel();
        }
        await _loop;
    }

    private async Task RunAsync(TurnContext context, TimeSpan delay, TimeSpan period, ILogger logger)
    {
        var stopped = _stop.Token;
        try
        {
            await Task.Delay(delay, stopped);
            while (!stopped.IsCancellationRequested)
            {
                await context.SendTypingAsync(stopped);
                await Task.Delay(period, stopped);
            }
        }
        catch (OperationCanceledException) when (stopped.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            // A lost typing indicator must never fail the turn.
            logger.LogWarning(ex, "Could not send a typing indicator");
        }
    }
}
