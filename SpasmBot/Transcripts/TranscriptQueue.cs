using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace SpasmBot.Transcripts;

/// <summary>
/// The bounded queue between turns and the background writer. When it is full, turns wait (back-pressure)
/// rather than drop events; once the writer has shut down, events go straight to the disk spool.
/// </summary>
public sealed class TranscriptQueue(IOptions<TranscriptOptions> options, TranscriptSpool spool)
{
    private readonly Channel<TranscriptEvent> _channel = Channel.CreateBounded<TranscriptEvent>(
        new BoundedChannelOptions(Math.Max(1, options.Value.QueueCapacity))
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
        });

    public ChannelReader<TranscriptEvent> Reader => _channel.Reader;

    /// <summary>Events waiting for the writer.</summary>
    public int Count => _channel.Reader.Count;

    /// <summary>Waits while the queue is full. Deliberately not cancellable: a visitor hanging up must not lose the log.</summary>
    public async Task EnqueueAsync(IReadOnlyList<TranscriptEvent> events)
    {
        for (var i = 0; i < events.Count; i++)
        {
            try
            {
                await _channel.Writer.WriteAsync(events[i]);
            }
            catch (ChannelClosedException)
            {
                spool.Append(events.Skip(i).ToList());
                return;
            }
        }
    }

    /// <summary>No more events: the writer drains what is left and stops.</summary>
    public void Complete() => _channel.Writer.TryComplete();
}
