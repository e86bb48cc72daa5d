using Microsoft.Extensions.Options;
using Microsoft.Win32.SafeHandles;

namespace SpasmBot.Transcripts;

/// <summary>
/// Copies the journal into the store in large batches, oldest first, each batch in one transaction together with the
/// journal checkpoint, so a restart resumes exactly where the store left off (and the store's unique event ids make
/// even a repeated batch harmless). Finished segments are deleted. While the store is down the journal simply grows
/// and the writer retries every RetryInterval. At start-up it first replays what an earlier run left in the journal,
/// skipping a torn last record (a write cut short by a kill). Stopping writes what the journal holds while the store
/// accepts it; anything left waits in the journal for the next start.
/// It runs on its own thread, not the thread pool: under load, pool work items queue behind the requests and the
/// store fell behind the journal while using a fraction of a core; a thread gets its share from the OS scheduler.
/// </summary>
public sealed class TranscriptWriter(
    TranscriptJournal journal,
    ITranscriptSink sink,
    LegacySpool legacySpool,
    IOptions<TranscriptOptions> options,
    ILogger<TranscriptWriter> logger) : IHostedService
{
    private readonly CancellationTokenSource _abort = new();
    private readonly TaskCompletionSource _stopping = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _stored;
    private long _tornRecords;
    private volatile ReadPosition _at = new(null, 0);

    /// <summary>Events written to the store.</summary>
    public long Stored => Interlocked.Read(ref _stored);

    /// <summary>Journal bytes not in the store yet: how far the console lags behind the visitors.</summary>
    public long Backlog
    {
        get
        {
            var at = _at;
            return journal.BytesFrom(at.Segment, at.Position) + (journal.Pending > 0 ? 1 : 0);
        }
    }

    /// <summary>Segments that ended in a record failing its length or checksum test (skipped).</summary>
    public long TornRecords => Interlocked.Read(ref _tornRecords);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        new Thread(Run) { IsBackground = true, Name = "Transcript store writer" }.Start();
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await journal.CompleteAsync();
        _stopping.TrySetResult();
        await using var registration = cancellationToken.Register(() => _abort.Cancel());
        await _finished.Task;
    }

    private bool Stopping => _stopping.Task.IsCompleted;

    // Blocking calls throughout: this is the writer's own thread (SQLite's async methods are synchronous anyway).
    private void Run()
    {
        try
        {
            legacySpool.MoveIntoAsync(journal).GetAwaiter().GetResult();
            var (found, checkpoint) = ReadCheckpoint();
            if (!found)
            {
                return; // stopping while the store is down: the journal keeps everything
            }
            var (segment, position) = journal.Resume(checkpoint);
            Copy(segment, position);
        }
        catch (OperationCanceledException) when (_abort.IsCancellationRequested)
        {
            logger.LogWarning("Shutdown timed out; the transcript journal keeps what is not stored yet for the next start");
        }
        catch (Exception error)
        {
            // A bug, not a store outage (those are retried): turns are still journaled and the next start stores them.
            logger.LogCritical(error, "The transcript store writer stopped; the journal keeps every turn until the next start");
        }
        finally
        {
            _finished.TrySetResult();
        }
    }

    /// <summary>Where the store left off (null: nothing of this journal stored yet); not found when stopping with the store down.</summary>
    private (bool Found, JournalCheckpoint? Checkpoint) ReadCheckpoint()
    {
        while (true)
        {
            try
            {
                return (true, sink.ReadCheckpointAsync(journal.Name, _abort.Token).GetAwaiter().GetResult());
            }
            catch (Exception error) when (error is not OperationCanceledException || !_abort.IsCancellationRequested)
            {
                logger.LogWarning("Transcript store unavailable at start-up ({Message}); the journal keeps every turn", error.Message);
                if (!WaitForRetry())
                {
                    return (false, null);
                }
            }
        }
    }

    private void Copy(JournalSegment? segment, long position)
    {
        var batchSize = Math.Max(1, options.Value.BatchSize);
        using var reader = new JournalSegmentReader();
        var batch = new List<TranscriptEvent>(batchSize);
        while (true)
        {
            _at = new ReadPosition(segment, position);
            var nextWrite = journal.NextWrite;
            if (segment is null)
            {
                segment = journal.FirstSegment();
                position = 0;
                if (segment is null)
                {
                    if (Stopping)
                    {
                        return; // everything is stored
                    }
                    journal.Pace(storeBehind: false);
                    Task.WaitAny(nextWrite, _stopping.Task);
                    continue;
                }
            }
            var isSealed = segment.Sealed; // before Length: a sealed segment's length is final
            var end = segment.Length;
            if (position < end)
            {
                batch.Clear();
                var (next, stop) = reader.Read(segment, position, end, batchSize, batch);
                if (batch.Count > 0)
                {
                    if (!Store(batch, new JournalCheckpoint(journal.Name, segment.Name, next)))
                    {
                        return; // stopping with the store down
                    }
                }
                position = next;
                if (batch.Count < batchSize && next >= end && !isSealed && !Stopping)
                {
                    // Caught up with the journal: let turns gather for a moment, so the store gets a few large transactions per
                    // second rather than one per journal write (small ones cost several times more per event).
                    _stopping.Task.Wait(options.Value.Journal.StoreDelay);
                }
                if (stop == DecodeStop.Corrupt)
                {
                    Interlocked.Increment(ref _tornRecords);
                    logger.LogWarning("Journal segment {Segment}: a torn or corrupt record at byte {Position}; skipping its last {Bytes} bytes",
                        segment.Name, position, end - position);
                    position = end;
                }
                continue;
            }
            if (isSealed)
            {
                segment = journal.Remove(segment);
                position = 0;
                continue;
            }
            if (Stopping)
            {
                return; // only a turn that ended after the journal closed writes here; it waits for the next start
            }
            journal.Pace(storeBehind: false);
            Task.WaitAny(nextWrite, _stopping.Task);
        }
    }

    /// <summary>Stores one batch, retrying while the store is down; false when stopping gave up on it.</summary>
    private bool Store(List<TranscriptEvent> batch, JournalCheckpoint checkpoint)
    {
        while (true)
        {
            try
            {
                sink.WriteAsync(batch, checkpoint, _abort.Token).GetAwaiter().GetResult();
                Interlocked.Add(ref _stored, batch.Count);
                journal.Pace(storeBehind: Backlog > options.Value.Journal.MaxBacklogBytes);
                return true;
            }
            catch (Exception error) when (error is not OperationCanceledException || !_abort.IsCancellationRequested)
            {
                logger.LogWarning("Transcript store unavailable ({Message}); the journal keeps every turn, retrying", error.Message);
                journal.Pace(storeBehind: false); // slowing visitors would not bring the store back
                if (!WaitForRetry())
                {
                    return false;
                }
            }
        }
    }

    /// <summary>Waits RetryInterval; false when stopping (a store that is down must not hold up shutdown).</summary>
    private bool WaitForRetry()
    {
        if (Stopping)
        {
            return false;
        }
        _stopping.Task.Wait(options.Value.RetryInterval);
        _abort.Token.ThrowIfCancellationRequested();
        return !Stopping;
    }
}

internal sealed record ReadPosition(JournalSegment? Segment, long Position);

/// <summary>Reads whole records from journal segments, keeping the current file open and one reusable buffer.</summary>
public sealed class JournalSegmentReader : IDisposable
{
    private byte[] _buffer = new byte[1024 * 1024];
    private JournalSegment? _segment;
    private SafeFileHandle? _file;

    /// <summary>Decodes up to <paramref name="maxEvents"/> from [position, end); returns where it stopped and why.</summary>
    public (long Position, DecodeStop Stop) Read(JournalSegment segment, long position, long end, int maxEvents, List<TranscriptEvent> into)
    {
        if (!ReferenceEquals(segment, _segment))
        {
            _file?.Dispose();
            _file = File.OpenHandle(segment.Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            _segment = segment;
        }
        while (position < end && into.Count < maxEvents)
        {
            var count = RandomAccess.Read(_file!, _buffer.AsSpan(0, (int)Math.Min(_buffer.Length, end - position)), position);
            if (count <= 0)
            {
                return (position, DecodeStop.Corrupt); // shorter than its recorded length
            }
            var used = JournalRecords.Decode(_buffer.AsSpan(0, count), maxEvents - into.Count, into, out var stop);
            position += used;
            if (stop == DecodeStop.Corrupt)
            {
                return (position, stop);
            }
            if (stop == DecodeStop.Incomplete && used == 0)
            {
                if (count < _buffer.Length)
                {
                    return (position, DecodeStop.Corrupt); // the record runs past the end of the segment: torn
                }
                Array.Resize(ref _buffer, _buffer.Length * 2); // one record larger than the buffer
            }
        }
        return (position, DecodeStop.None);
    }

    public void Dispose() => _file?.Dispose();
}
