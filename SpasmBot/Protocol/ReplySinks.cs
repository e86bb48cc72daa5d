namespace SpasmBot.Protocol;

/// <summary>deliveryMode expectReplies: keeps the turn's activities, in send order, for the HTTP response.</summary>
public sealed class BufferedReplySink : IReplySink
{
    private readonly List<Activity> _activities = [];
    private readonly Lock _lock = new();

    public List<Activity> Activities
    {
        get
        {
            lock (_lock)
            {
                return [.. _activities];
            }
        }
    }

    public Task<ResourceResponse> SendAsync(Activity activity, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _activities.Add(activity);
        }
        // As in the SDK: buffered activities get no id.
        return Task.FromResult(new ResourceResponse());
    }
}

/// <summary>Normal delivery: each activity is POSTed to the channel's serviceUrl as soon as the bot sends it.</summary>
public sealed class ConnectorReplySink(ConnectorClient connector) : IReplySink
{
    public Task<ResourceResponse> SendAsync(Activity activity, CancellationToken cancellationToken)
        => connector.SendAsync(activity, cancellationToken);
}
