using System.Collections.Concurrent;
using System.Globalization;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using SpasmBot.Protocol;

namespace SpasmBot.Channels;

/// <summary>A page of a conversation's log, as Direct Line returns it.</summary>
public sealed record ActivitySet(IReadOnlyList<Activity> Activities, string? Watermark);

/// <summary>
/// One embedded Direct Line conversation: its activity log (the visitor's posts echoed with ids, and the bot's
/// replies), numbered 1, 2, 3...; the watermark a client holds is the number of the last activity it has seen.
/// The log keeps the newest <see cref="DirectLineOptions.MaxActivitiesPerConversation"/> activities.
/// </summary>
public sealed class DirectLineConversation(string id, string userId, int maxActivities, DateTimeOffset now)
{
    private readonly object _gate = new();
    private readonly LinkedList<(long Seq, Activity Activity)> _log = new();
    private readonly List<ChannelWriter<(long Seq, Activity Activity)>> _listeners = [];
    private long _lastSeq;

    public string Id { get; } = id;
    public string UserId { get; } = userId;
    public DateTimeOffset LastUsed { get; private set; } = now;

    /// <summary>Turns run one at a time per conversation, so the bot's state is never written by two turns at once.</summary>
    public SemaphoreSlim TurnLock { get; } = new(1, 1);

    public void Touch(DateTimeOffset now)
    {
        lock (_gate)
        {
            LastUsed = now;
        }
    }

    /// <summary>Gives the activity its id (<c>conversationId|0000001</c>) and appends it; live streams get it at once.</summary>
    public string Append(Activity activity)
    {
        lock (_gate)
        {
            var seq = ++_lastSeq;
            activity.Id = $"{Id}|{seq.ToString("D7", CultureInfo.InvariantCulture)}";
            _log.AddLast((seq, activity));
            while (_log.Count > maxActivities)
            {
                _log.RemoveFirst();
            }
            foreach (var listener in _listeners)
            {
                listener.TryWrite((seq, activity));
            }
            return activity.Id;
        }
    }

    public bool Contains(string? activityId)
    {
        lock (_gate)
        {
            return activityId is not null && _log.Any(e => e.Activity.Id == activityId);
        }
    }

    /// <summary>Activities after <paramref name="watermark"/> (empty or unparsable: from the start), at most <paramref name="max"/>.</summary>
    public ActivitySet After(string? watermark, int max)
    {
        var from = ParseWatermark(watermark);
        lock (_gate)
        {
            var page = _log.Where(e => e.Seq > from).Take(max).ToList();
            var last = page.Count > 0 ? page[^1].Seq : Math.Max(from, 0);
            return new ActivitySet(page.Select(e => e.Activity).ToList(),
                last > 0 ? last.ToString(CultureInfo.InvariantCulture) : null);
        }
    }

    /// <summary>Subscribes a live stream; the channel gets every activity appended from now on.</summary>
    public Channel<(long Seq, Activity Activity)> Listen()
    {
        // A stream that stops reading loses its oldest pushes rather than growing; it can catch up by watermark.
        var channel = Channel.CreateBounded<(long, Activity)>(new BoundedChannelOptions(1000) { FullMode = BoundedChannelFullMode.DropOldest });
        lock (_gate)
        {
            _listeners.Add(channel.Writer);
        }
        return channel;
    }

    public void StopListening(Channel<(long Seq, Activity Activity)> channel)
    {
        lock (_gate)
        {
            _listeners.Remove(channel.Writer);
        }
    }

    public static long ParseWatermark(string? watermark)
        => long.TryParse(watermark, NumberStyles.None, CultureInfo.InvariantCulture, out var w) ? w : 0;
}

/// <summary>
/// The live embedded conversations, in memory: bounded in number, forgotten after an idle period. A restart
/// forgets them all (the page then starts a new conversation); more than one instance needs Azure Direct Line.
/// </summary>
public sealed class DirectLineConversations(IOptions<DirectLineOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, DirectLineConversation> _conversations = new(StringComparer.Ordinal);
    private readonly DirectLineOptions _options = options.Value;
    private DateTimeOffset _lastSweep = DateTimeOffset.MinValue;

    public int Count => _conversations.Count;

    public DirectLineConversation? Find(string id)
    {
        if (!_conversations.TryGetValue(id, out var conversation))
        {
            return null;
        }
        var now = time.GetUtcNow();
        if (IsExpired(conversation, now))
        {
            _conversations.TryRemove(id, out _);
            return null;
        }
        conversation.Touch(now);
        return conversation;
    }

    /// <summary>The conversation, created if new (<c>Created</c> true); null when the server is full.</summary>
    public (DirectLineConversation? Conversation, bool Created) GetOrStart(string id, string userId)
    {
        var existing = Find(id);
        if (existing is not null)
        {
            return (existing, false);
        }
        var now = time.GetUtcNow();
        Sweep(now);
        if (_conversations.Count >= _options.MaxConversations)
        {
            return (null, false);
        }
        var created = new DirectLineConversation(id, userId, _options.MaxActivitiesPerConversation, now);
        var stored = _conversations.GetOrAdd(id, created);
        return (stored, ReferenceEquals(stored, created));
    }

    private bool IsExpired(DirectLineConversation conversation, DateTimeOffset now)
        => now - conversation.LastUsed > TimeSpan.FromMinutes(_options.ConversationIdleMinutes);

    private void Sweep(DateTimeOffset now)
    {
        if (now - _lastSweep < TimeSpan.FromMinutes(1) && _conversations.Count < _options.MaxConversations)
        {
            return;
        }
        _lastSweep = now;
        foreach (var (id, conversation) in _conversations)
        {
            if (IsExpired(conversation, now))
            {
                _conversations.TryRemove(id, out _);
            }
        }
    }
}
