using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace SpasmBot.Transcripts;

/// <summary>
/// The bounded queue between turns and the background writer. When it is full, turns wait (back-pressure)
/// rather than drop events; once the writer has shut down, events go straight to the disk spool.
/// A turn's enqueue returns only when the writer has stored (or spooled) its events, so the HTTP response that
/// acknowledges a turn is never sent before its log would survive a crash of the process. Concurrent turns
/// share the writer's transactions (group commit), so this costs latency, not throughput.
/// </summary>
public sealed class TranscriptQueue(IOptions<TranscriptOptions> options, TranscriptSpool spool)
{
    private readonly Channel<QueuedEvent> _channel = Channel.CreateBounded<QueuedEvent>(
        new BoundedChannelOptions(Math.Max(1, options.Value.QueueCapacity))
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
        });

    public ChannelReader<QueuedEvent> Reader => _channel.Reader;

    /// <summary>Events waiting for the writer.</summary>
    public int Count => _channel.Reader.Count;

    /// <summary>
    /// Waits while the queue is full, then until the writer has stored or spooled the events (the last one's ticket
    /// completes after every earlier event: the writer works in order). Deliberately not cancellable: a visitor
    /// hanging up must not lose the log.
    /// </summary>
    public async Task EnqueueAsync(IReadOnlyList<TranscriptEvent> events)
    {
        if (events.Count == 0)
        {
            return;
        }
        var stored = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        for (var i = 0; i < events.Count; i++)
        {
            try
            {
                await _channel.Writer.WriteAsync(new QueuedEvent(events[i], i == events.Count - 1 ? stored : null));
            }
            catch (ChannelClosedException)
            {
                spool.Append(events.Skip(i).ToList());
                return;
            }
        }
        await stored.Task;
    }

    /// <summary>No more events: the writer drains what is left and stops.</summary>
    public void Complete() => _channel.Writer.TryComplete();
}

/// <summary>An event on the queue; the last event of a turn carries the ticket the turn waits on.</summary>
public readonly record struct QueuedEvent(TranscriptEvent Event, TaskCompletionSource? Stored)
{
    /// <summary>Tells the waiting turns that these events are stored or spooled.</summary>
    public static void Acknowledge(List<QueuedEvent> batch)
    {
        foreach (var queued in batch)
        {
            queued.Stored?.TrySetResult();
        }
    }
}
