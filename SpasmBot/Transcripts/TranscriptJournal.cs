using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace SpasmBot.Transcripts;

/// <summary>
/// The append-only local journal every logged turn goes to first. A turn's events are encoded by the turn itself,
/// then one writer appends whatever turns are waiting with a single write call (group commit) and tells them they
/// are written: that is when the turn is acknowledged. Data in the OS page cache survives the bot process being
/// killed, so no fsync is needed for that; <c>Transcripts:Journal:FlushToDisk</c> adds one per write for power loss.
/// <see cref="TranscriptWriter"/> copies the journal into the store in large batches and deletes segments it has
/// finished, so the journal, not memory, absorbs a slow or unavailable store.
/// </summary>
public sealed class TranscriptJournal : IDisposable
{
    // A write group larger than this waits for the next write call (keeps one call's latency short).
    private const int MaxGroupBytes = 4 * 1024 * 1024;
    private const string Extension = ".journal";

    private readonly TranscriptOptions _options;
    private readonly ILogger<TranscriptJournal> _logger;
    private readonly Channel<PendingAppend> _channel;
    private readonly Lock _gate = new();
    private readonly List<JournalSegment> _segments = [];
    private readonly Task _loop;
    private long _nextNumber;
    private JournalSegment? _active;
    private FileStream? _activeFile;
    private TaskCompletionSource _nextWrite = NewSignal();
    private int _paceMilliseconds;

    public TranscriptJournal(TranscriptPaths paths, IOptions<TranscriptOptions> options, ILogger<TranscriptJournal> logger)
    {
        _options = options.Value;
        _logger = logger;
        Name = paths.JournalName;
        Directory = paths.JournalDirectory;
        System.IO.Directory.CreateDirectory(Directory);
        // Segments left by an earlier run: finished, to be replayed by the writer. New ones number on from them.
        foreach (var file in System.IO.Directory.GetFiles(Directory, "*" + Extension).Order(StringComparer.Ordinal))
        {
            _segments.Add(new JournalSegment(file, new FileInfo(file).Length, isSealed: true));
            _nextNumber = Math.Max(_nextNumber, NumberOf(file));
        }
        _channel = Channel.CreateBounded<PendingAppend>(new BoundedChannelOptions(Math.Max(1, _options.QueueCapacity))
        {
            FullMode = BoundedChannelFullMode.Wait, // turns wait rather than grow memory
            SingleReader = true,
        });
        _loop = Task.Run(WriteLoopAsync);
    }

    /// <summary>Identifies this journal's checkpoint in a store several instances may share.</summary>
    public string Name { get; }

    public string Directory { get; }

    /// <summary>Turns waiting for the journal writer.</summary>
    public int Pending => _channel.Reader.Count;

    /// <summary>Completes at the next write; take it before looking for data, then await it if there was none.</summary>
    public Task NextWrite => Volatile.Read(ref _nextWrite).Task;

    /// <summary>
    /// Returns once the events are in the journal file. Deliberately not cancellable: a visitor hanging up must not
    /// lose the log. After <see cref="CompleteAsync"/> (shutdown), the caller writes its own events.
    /// </summary>
    public async Task AppendAsync(IReadOnlyList<TranscriptEvent> events)
    {
        if (events.Count == 0)
        {
            return;
        }
        if (Volatile.Read(ref _paceMilliseconds) is > 0 and var pace)
        {
            await Task.Delay(pace);
        }
        var append = new PendingAppend(JournalRecords.Encode(events));
        try
        {
            await _channel.Writer.WriteAsync(append);
        }
        catch (ChannelClosedException)
        {
            WriteWithRetry([append]);
            return;
        }
        await append.Written.Task;
    }

    /// <summary>Bytes in the journal from <paramref name="position"/> in <paramref name="segment"/> on (all of it for null).</summary>
    public long BytesFrom(JournalSegment? segment, long position)
    {
        lock (_gate)
        {
            var index = segment is null ? -1 : _segments.IndexOf(segment);
            var total = _segments.Skip(Math.Max(0, index)).Sum(s => s.Length);
            return index < 0 ? total : total - position;
        }
    }

    /// <summary>
    /// Called by the store writer after each batch. While a working store stays more than MaxBacklogBytes behind
    /// (turns arrive faster than it can store them), each turn is slowed a little more (1 ms per batch, up to 50 ms);
    /// once it is within the limit the delay halves per batch. So a sustained overload comes back to the visitors
    /// as latency instead of a journal (and a console lag) that grows without end. Bursts and outages are unaffected.
    /// </summary>
    public void Pace(bool storeBehind)
    {
        var current = Volatile.Read(ref _paceMilliseconds);
        Volatile.Write(ref _paceMilliseconds, storeBehind ? Math.Min(current + 1, 50) : current / 2);
    }

    /// <summary>The delay each turn currently gets before its append (see <see cref="Pace"/>).</summary>
    public TimeSpan PaceDelay => TimeSpan.FromMilliseconds(Volatile.Read(ref _paceMilliseconds));

    /// <summary>The oldest segment still to be stored, or null.</summary>
    public JournalSegment? FirstSegment()
    {
        lock (_gate)
        {
            return _segments.Count > 0 ? _segments[0] : null;
        }
    }

    /// <summary>
    /// Where the store left off: segments before the checkpoint's are in the store already and are deleted. A checkpoint
    /// naming a segment that no longer exists means every remaining segment is newer (segments are deleted in order).
    /// </summary>
    public (JournalSegment? Segment, long Position) Resume(JournalCheckpoint? checkpoint)
    {
        lock (_gate)
        {
            var index = checkpoint is null ? -1 : _segments.FindIndex(s => s.Name == checkpoint.Segment);
            if (index < 0)
            {
                return (_segments.Count > 0 ? _segments[0] : null, 0);
            }
            foreach (var committed in _segments.Take(index).ToList())
            {
                DeleteLocked(committed);
            }
            return (_segments[0], Math.Min(checkpoint!.Position, _segments[0].Length));
        }
    }

    /// <summary>Deletes a finished segment whose records are all in the store and returns the next one, or null.</summary>
    public JournalSegment? Remove(JournalSegment segment)
    {
        lock (_gate)
        {
            if (!segment.Sealed)
            {
                throw new InvalidOperationException($"Journal segment {segment.Name} is still being written");
            }
            DeleteLocked(segment);
            return _segments.Count > 0 ? _segments[0] : null;
        }
    }

    /// <summary>Shutdown: writes every waiting turn, then closes the active segment so the writer can finish it.</summary>
    public async Task CompleteAsync()
    {
        _channel.Writer.TryComplete();
        await _loop;
        lock (_gate)
        {
            SealLocked();
        }
        Signal();
    }

    public void Dispose() => CompleteAsync().GetAwaiter().GetResult();

    private async Task WriteLoopAsync()
    {
        var reader = _channel.Reader;
        var group = new List<PendingAppend>();
        while (await reader.WaitToReadAsync())
        {
            group.Clear();
            var bytes = 0L;
            while (bytes < MaxGroupBytes && reader.TryRead(out var append))
            {
                group.Add(append);
                bytes += append.Bytes.Length;
            }
            WriteWithRetry(group);
            foreach (var append in group)
            {
                append.Written.TrySetResult();
            }
        }
    }

    /// <summary>A disk that refuses is retried, not skipped: turns wait (and the queue fills) rather than lose events.</summary>
    private void WriteWithRetry(IReadOnlyList<PendingAppend> group)
    {
        while (true)
        {
            try
            {
                Write(group);
                return;
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException)
            {
                _logger.LogCritical(error, "Cannot write {Count} turns to the transcript journal in {Directory}; retrying", group.Count, Directory);
                Thread.Sleep(_options.RetryInterval);
            }
        }
    }

    private void Write(IReadOnlyList<PendingAppend> group)
    {
        lock (_gate)
        {
            if (_active is null || _activeFile is null)
            {
                OpenSegmentLocked();
            }
            var buffers = new ReadOnlyMemory<byte>[group.Count];
            var bytes = 0L;
            for (var i = 0; i < group.Count; i++)
            {
                buffers[i] = group[i].Bytes;
                bytes += group[i].Bytes.Length;
            }
            // At an explicit offset: a retry after a failed (possibly partial) write overwrites it.
            RandomAccess.Write(_activeFile!.SafeFileHandle, buffers, _active!.Length);
            if (_options.Journal.FlushToDisk)
            {
                _activeFile.Flush(flushToDisk: true);
            }
            _active.Length += bytes;
            if (_active.Length >= _options.Journal.SegmentBytes)
            {
                SealLocked();
            }
        }
        Signal();
    }

    private void OpenSegmentLocked()
    {
        // A random suffix: a checkpoint can never match a later segment that reuses a number (journal folder emptied).
        var name = $"{++_nextNumber:D12}-{Random.Shared.Next():x8}{Extension}";
        var path = Path.Combine(Directory, name);
        _activeFile = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read | FileShare.Delete, bufferSize: 0);
        _active = new JournalSegment(path, 0, isSealed: false);
        _segments.Add(_active);
    }

    private void SealLocked()
    {
        if (_active is null)
        {
            return;
        }
        _activeFile?.Dispose();
        _activeFile = null;
        _active.Sealed = true;
        _active = null;
    }

    private void DeleteLocked(JournalSegment segment)
    {
        File.Delete(segment.Path);
        _segments.Remove(segment);
    }

    private void Signal() => Interlocked.Exchange(ref _nextWrite, NewSignal()).TrySetResult();

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static long NumberOf(string file) =>
        long.TryParse(Path.GetFileName(file).Split('-')[0], out var number) ? number : 0;

    private sealed class PendingAppend(byte[] bytes)
    {
        public byte[] Bytes { get; } = bytes;
        public TaskCompletionSource Written { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}

/// <summary>One journal file. Its length is published after each write, so a reader never sees half a write.</summary>
public sealed class JournalSegment(string path, long length, bool isSealed)
{
    private long _length = length;
    private volatile bool _sealed = isSealed;

    public string Path { get; } = path;

    public string Name => System.IO.Path.GetFileName(Path);

    public long Length
    {
        get => Volatile.Read(ref _length);
        internal set => Volatile.Write(ref _length, value);
    }

    /// <summary>No more writes: once read to <see cref="Length"/>, it can be deleted. Read before Length.</summary>
    public bool Sealed
    {
        get => _sealed;
        internal set => _sealed = value;
    }
}

/// <summary>How far the store has taken one journal; written in the same transaction as the events.</summary>
public sealed record JournalCheckpoint(string Journal, string Segment, long Position);
