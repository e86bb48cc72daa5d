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
public sealed class BotTurnRunner
{
    public Task<InvokeResponse?> RunTurnAsync(Activity activity, IReplySink replies, CancellationToken cancellationToken)
        => throw new NotImplementedException("The protocol branch implements the turn pipeline.");
}
