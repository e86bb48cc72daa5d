using System.Globalization;
using SpasmBot.Transcripts;

namespace SpasmBot.Operators;

/// <summary>The conversation-list filter as it travels in the query string (also used by the export links).</summary>
public static class ConsoleFilters
{
    public static readonly IReadOnlyList<(string Name, Outcomes Outcome)> OutcomeNames =
    [
        ("emergency", Outcomes.Emergency), ("crisis", Outcomes.Crisis), ("urgent", Outcomes.Urgent), ("triage", Outcomes.Triage),
        ("answered", Outcomes.Answered), ("clarify", Outcomes.Clarify), ("unanswered", Outcomes.Unanswered),
        ("negative-feedback", Outcomes.NegativeFeedback), ("failed", Outcomes.Failed),
    ];

    /// <summary>Reads the filter; a malformed value is a <see cref="FormatException"/> with a message for the operator.</summary>
    public static ConversationFilter Parse(IQueryCollection query)
    {
        var outcome = Outcomes.None;
        if (query["outcome"].ToString() is { Length: > 0 } name)
        {
            outcome = OutcomeNames.FirstOrDefault(o => o.Name == name).Outcome;
            if (outcome == Outcomes.None)
            {
                throw new FormatException($"Unknown outcome \"{name}\".");
            }
        }
        return new ConversationFilter
        {
            From = Date(query["from"], "from"),
            To = Date(query["to"], "to")?.AddDays(1), // inclusive day
            Channel = Text(query["channel"]),
            Outcome = outcome,
            Reviewed = query["reviewed"].ToString() switch { "yes" => true, "no" => false, "" => null, var v => throw new FormatException($"Unknown reviewed value \"{v}\".") },
            Tag = Text(query["tag"]),
            Search = Text(query["q"]),
            UserId = Text(query["user"]),
        };
    }

    /// <summary>The query string for the same filter (without the cursor).</summary>
    public static string ToQuery(IQueryCollection query)
    {
        var keep = new[] { "from", "to", "channel", "outcome", "reviewed", "tag", "q", "user" };
        var pairs = keep.Where(k => !string.IsNullOrEmpty(query[k])).Select(k => $"{k}={Uri.EscapeDataString(query[k].ToString())}");
        return string.Join("&", pairs);
    }

    private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static DateTimeOffset? Date(string? value, string name)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        return DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)
            : throw new FormatException($"The \"{name}\" date must look like 2025-01-31.");
    }
}
