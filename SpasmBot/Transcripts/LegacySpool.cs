using System.Text.Json;

namespace SpasmBot.Transcripts;

/// <summary>
/// Earlier versions kept batches the store refused as JSON-lines files under spool/. The journal does that job now;
/// at start-up any such files left by an upgrade are appended to the journal and deleted, so none is lost.
/// </summary>
public sealed class LegacySpool(TranscriptPaths paths, ILogger<LegacySpool> logger)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task MoveIntoAsync(TranscriptJournal journal)
    {
        if (!Directory.Exists(paths.SpoolDirectory))
        {
            return;
        }
        foreach (var file in Directory.GetFiles(paths.SpoolDirectory, "*.jsonl").Order(StringComparer.Ordinal))
        {
            List<TranscriptEvent> events;
            try
            {
                events = File.ReadLines(file).Where(line => !string.IsNullOrWhiteSpace(line))
                    .Select(line => JsonSerializer.Deserialize<TranscriptEvent>(line, Json) ?? throw new JsonException($"Empty event in {file}"))
                    .ToList();
            }
            catch (Exception error) when (error is JsonException or IOException)
            {
                // Set aside for manual recovery rather than deleted or retried forever.
                logger.LogError(error, "Old spool file {File} is unreadable; renamed to .bad", file);
                File.Move(file, file + ".bad", overwrite: true);
                continue;
            }
            await journal.AppendAsync(events);
            File.Delete(file);
            logger.LogInformation("Moved {Count} events from the old spool file {File} into the journal", events.Count, file);
        }
    }
}
