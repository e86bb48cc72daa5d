using System.Text;
using System.Text.Json;

namespace SpasmBot.Transcripts;

/// <summary>Writes filtered conversations with their messages as JSON lines, a JSON array, or CSV (one row per message).</summary>
public sealed class TranscriptExporter(ITranscriptStore store)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async IAsyncEnumerable<ConversationDetail> ReadAsync(ConversationFilter filter,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? cursor = null;
        do
        {
            var page = await store.ListAsync(filter, cursor, 500, cancellationToken);
            foreach (var summary in page.Items)
            {
                if (await store.GetAsync(summary.Id, cancellationToken) is { } detail)
                {
                    yield return detail;
                }
            }
            cursor = page.NextCursor;
        }
        while (cursor is not null);
    }

    public static object ToJson(ConversationDetail detail) => new
    {
        conversationId = detail.Summary.Id,
        channel = detail.Summary.Channel,
        userId = detail.Summary.UserId,
        started = detail.Summary.Started,
        lastActivity = detail.Summary.Last,
        outcomes = detail.Summary.OutcomeFlags.ToString(),
        reviewed = detail.Summary.Reviewed,
        tags = detail.Summary.Tags,
        notes = detail.Summary.Notes,
        messages = detail.Messages.Select(m => new
        {
            at = m.Time, direction = m.Direction, type = m.ActivityType, text = m.Text, route = m.Route, faqId = m.FaqId,
            score = m.Score, safetyTier = m.SafetyTier, signals = m.Signals, helpful = m.Helpful,
            decision = m.DecisionJson is null ? (JsonElement?)null : JsonDocument.Parse(m.DecisionJson).RootElement,
        }),
    };

    /// <summary>One conversation per line; returns how many were written.</summary>
    public async Task<int> WriteJsonLinesAsync(TextWriter writer, ConversationFilter filter, CancellationToken cancellationToken = default)
    {
        var count = 0;
        await foreach (var detail in ReadAsync(filter, cancellationToken))
        {
            await writer.WriteLineAsync(JsonSerializer.Serialize(ToJson(detail), Json));
            count++;
        }
        await writer.FlushAsync(cancellationToken);
        return count;
    }

    public async Task<int> WriteJsonArrayAsync(TextWriter writer, ConversationFilter filter, CancellationToken cancellationToken = default)
    {
        var count = 0;
        await writer.WriteAsync("[");
        await foreach (var detail in ReadAsync(filter, cancellationToken))
        {
            await writer.WriteAsync((count++ == 0 ? "\n" : ",\n") + JsonSerializer.Serialize(ToJson(detail), Json));
        }
        await writer.WriteAsync("\n]\n");
        await writer.FlushAsync(cancellationToken);
        return count;
    }

    public static readonly string[] CsvColumns =
    [
        "conversation_id", "channel", "user_id", "started", "reviewed", "tags", "at", "direction", "type", "text",
        "route", "faq_id", "score", "safety_tier", "signals", "helpful",
    ];

    public async Task<int> WriteCsvAsync(TextWriter writer, ConversationFilter filter, CancellationToken cancellationToken = default)
    {
        var count = 0;
        await writer.WriteLineAsync(string.Join(",", CsvColumns));
        await foreach (var detail in ReadAsync(filter, cancellationToken))
        {
            var s = detail.Summary;
            foreach (var m in detail.Messages)
            {
                await writer.WriteLineAsync(string.Join(",", new[]
                {
                    s.Id, s.Channel, s.UserId, s.Started.ToString("O"), s.Reviewed ? "true" : "false", string.Join(" ", s.Tags),
                    m.Time.ToString("O"), m.Direction, m.ActivityType, m.Text, m.Route, m.FaqId,
                    m.Score?.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture), m.SafetyTier, m.Signals,
                    m.Helpful?.ToString().ToLowerInvariant(),
                }.Select(Csv)));
            }
            count++;
        }
        await writer.FlushAsync(cancellationToken);
        return count;
    }

    /// <summary>Quotes a CSV field; a leading = + - @ is prefixed with ' so spreadsheets do not run visitor text as a formula.</summary>
    public static string Csv(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }
        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }
        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }
}
