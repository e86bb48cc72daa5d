using System.Text.Json;

namespace SpasmBot.Transcripts;

/// <summary>
/// Batches the store could not take, kept on local disk as JSON lines (one file per batch, names sort in
/// arrival order) until the writer replays them. Files are written to a temporary name and renamed, so a
/// crash never leaves half a batch.
/// </summary>
public sealed class TranscriptSpool(TranscriptPaths paths, ILogger<TranscriptSpool> logger)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly Lock _gate = new();
    private long _sequence;
    // Spool files on disk: counted once, then kept up to date here (the writer asks before every batch, and listing
    // the folder each time was a syscall-heavy part of logging a turn).
    private int _pending = CountFiles(paths.SpoolDirectory);

    public string Directory => paths.SpoolDirectory;

    public bool HasPending => Volatile.Read(ref _pending) > 0;

    public void Append(IReadOnlyList<TranscriptEvent> events)
    {
        if (events.Count == 0)
        {
            return;
        }
        lock (_gate)
        {
            System.IO.Directory.CreateDirectory(Directory);
            var name = $"{DateTime.UtcNow.Ticks:D19}-{Interlocked.Increment(ref _sequence):D10}";
            var temporary = Path.Combine(Directory, name + ".tmp");
            using (var writer = new StreamWriter(temporary))
            {
                foreach (var e in events)
                {
                    writer.WriteLine(JsonSerializer.Serialize(e, Json));
                }
                writer.Flush();
                ((FileStream)writer.BaseStream).Flush(flushToDisk: true);
            }
            File.Move(temporary, Path.Combine(Directory, name + ".jsonl"));
            Interlocked.Increment(ref _pending);
        }
        logger.LogWarning("Transcript store unavailable: spooled {Count} events to {Directory}", events.Count, Directory);
    }

    /// <summary>Spooled batches, oldest first.</summary>
    public IReadOnlyList<string> PendingFiles()
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            return [];
        }
        return System.IO.Directory.GetFiles(Directory, "*.jsonl").Order(StringComparer.Ordinal).ToList();
    }

    public IReadOnlyList<TranscriptEvent> Read(string file)
    {
        var events = new List<TranscriptEvent>();
        foreach (var line in File.ReadLines(file))
        {
            if (!string.IsNullOrWhiteSpace(line))
            {
                events.Add(JsonSerializer.Deserialize<TranscriptEvent>(line, Json)
                    ?? throw new JsonException($"Empty event in {file}"));
            }
        }
        return events;
    }

    public void Remove(string file)
    {
        File.Delete(file);
        Interlocked.Decrement(ref _pending);
    }

    /// <summary>Sets an unreadable file aside (renamed *.bad) rather than deleting data or blocking the queue forever.</summary>
    public void SetAside(string file, Exception error)
    {
        logger.LogError(error, "Spool file {File} is unreadable; renamed to .bad for manual recovery", file);
        File.Move(file, file + ".bad", overwrite: true);
        Interlocked.Decrement(ref _pending);
    }

    private static int CountFiles(string directory) =>
        System.IO.Directory.Exists(directory) ? System.IO.Directory.GetFiles(directory, "*.jsonl").Length : 0;
}
