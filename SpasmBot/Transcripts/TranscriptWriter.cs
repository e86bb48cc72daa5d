using Microsoft.Extensions.Options;

namespace SpasmBot.Transcripts;

/// <summary>
/// Drains the queue into the store in batches. A batch the store rejects is spooled to disk; while anything is
/// spooled, newer batches queue up behind it on disk too, and the spool is replayed oldest first whenever the
/// store answers again (at each batch, or every RetryInterval). Stopping flushes the queue; if the host's
/// shutdown timeout runs out first, what is left goes to the spool.
/// </summary>
public sealed class TranscriptWriter(
    TranscriptQueue queue,
    ITranscriptSink sink,
    TranscriptSpool spool,
    IOptions<TranscriptOptions> options,
    ILogger<TranscriptWriter> logger) : IHostedService
{
    private readonly CancellationTokenSource _abort = new();
    private Task _loop = Task.CompletedTask;
    private long _written;
    private long _spooled;
    private long _replayed;

    /// <summary>Events the store accepted directly.</summary>
    public long Written => Interlocked.Read(ref _written);

    public long Spooled => Interlocked.Read(ref _spooled);

    /// <summary>Events written from the spool.</summary>
    public long Replayed => Interlocked.Read(ref _replayed);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _loop = Task.Run(RunAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        queue.Complete();
        await using var registration = cancellationToken.Register(() => _abort.Cancel());
        await _loop;
    }

    private async Task RunAsync()
    {
        var batchSize = Math.Max(1, options.Value.BatchSize);
        var retry = options.Value.RetryInterval;
        var reader = queue.Reader;
        var batch = new List<TranscriptEvent>(batchSize);
        try
        {
            while (true)
            {
                var spoolClear = !spool.HasPending || await TryReplayAsync();
                var ready = reader.WaitToReadAsync(_abort.Token).AsTask();
                if (!spoolClear)
                {
                    await Task.WhenAny(ready, Task.Delay(retry, _abort.Token));
                    if (!ready.IsCompleted)
                    {
                        continue; // time to retry the spool
                    }
                }
                if (!await ready)
                {
                    break; // completed and drained
                }
                batch.Clear();
                while (batch.Count < batchSize && reader.TryRead(out var e))
                {
                    batch.Add(e);
                }
                if (spool.HasPending)
                {
                    Spool(batch); // keep order: behind what is already spooled
                    continue;
                }
                try
                {
                    await sink.WriteAsync(batch, _abort.Token);
                    Interlocked.Add(ref _written, batch.Count);
                }
                catch (Exception error)
                {
                    logger.LogError(error, "Writing {Count} transcript events failed", batch.Count);
                    Spool(batch);
                }
            }
            if (spool.HasPending)
            {
                await TryReplayAsync();
            }
        }
        catch (OperationCanceledException) when (_abort.IsCancellationRequested)
        {
            // Shutdown timed out: everything still queued goes to disk.
            batch.Clear();
            while (reader.TryRead(out var e))
            {
                batch.Add(e);
            }
            Spool(batch);
        }
    }

    /// <summary>
    /// Spools a batch; if even the disk refuses, keeps retrying, so the queue fills and turns wait rather than lose
    /// events. Only a shutdown that has run out of time gives up, loudly.
    /// </summary>
    private void Spool(List<TranscriptEvent> batch)
    {
        while (true)
        {
            try
            {
                spool.Append(batch.ToList());
                Interlocked.Add(ref _spooled, batch.Count);
                return;
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException)
            {
                if (_abort.IsCancellationRequested)
                {
                    logger.LogCritical(error, "Shutdown timed out with the store down and the spool unwritable: {Count} transcript events lost", batch.Count);
                    return;
                }
                logger.LogCritical(error, "Cannot spool {Count} transcript events to {Directory}; retrying", batch.Count, spool.Directory);
                _abort.Token.WaitHandle.WaitOne(options.Value.RetryInterval);
            }
        }
    }

    private async Task<bool> TryReplayAsync()
    {
        foreach (var file in spool.PendingFiles())
        {
            IReadOnlyList<TranscriptEvent> events;
            try
            {
                events = spool.Read(file);
            }
            catch (Exception error) when (error is System.Text.Json.JsonException or IOException)
            {
                spool.SetAside(file, error);
                continue;
            }
            try
            {
                await sink.WriteAsync(events, _abort.Token);
            }
            catch (Exception error) when (!_abort.IsCancellationRequested || error is not OperationCanceledException)
            {
                logger.LogWarning("Transcript store still unavailable ({Message}); {Files} spool files wait", error.Message, spool.PendingFiles().Count);
                return false;
            }
            spool.Remove(file);
            Interlocked.Add(ref _replayed, events.Count);
            logger.LogInformation("Replayed {Count} spooled transcript events", events.Count);
        }
        return true;
    }
}
