using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Options;
using SpasmBot.Operators;

namespace SpasmBot.Transcripts;

/// <summary><c>transcripts list | show | export | purge</c>.</summary>
public static class TranscriptCommands
{
    public static Command Create(IServiceProvider services)
    {
        var command = new Command("transcripts", "Read, export and purge logged conversations.");
        command.Subcommands.Add(List(services));
        command.Subcommands.Add(Show(services));
        command.Subcommands.Add(Export(services));
        command.Subcommands.Add(Purge(services));
        return command;
    }

    private static Command List(IServiceProvider services)
    {
        var limit = new Option<int>("--limit") { Description = "How many conversations, newest first.", DefaultValueFactory = _ => 20 };
        var outcome = new Option<string?>("--outcome") { Description = "Only conversations with this outcome (emergency, crisis, urgent, triage, answered, clarify, unanswered, negative-feedback)." };
        var command = new Command("list", "List conversations, newest first.") { limit, outcome };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var filter = new ConversationFilter();
            if (parse.GetValue(outcome) is { Length: > 0 } name)
            {
                var match = ConsoleFilters.OutcomeNames.FirstOrDefault(o => o.Name == name);
                if (match.Outcome == Outcomes.None)
                {
                    await Console.Error.WriteLineAsync($"Unknown outcome \"{name}\". Use one of: {string.Join(", ", ConsoleFilters.OutcomeNames.Select(o => o.Name))}.");
                    return 2;
                }
                filter = filter with { Outcome = match.Outcome };
            }
            var store = services.GetRequiredService<ITranscriptStore>();
            var remaining = Math.Max(1, parse.GetValue(limit));
            string? cursor = null;
            do
            {
                var page = await store.ListAsync(filter, cursor, Math.Min(remaining, 500), cancellationToken);
                foreach (var c in page.Items)
                {
                    Console.WriteLine(string.Join('\t', c.Started.ToString("u", CultureInfo.InvariantCulture), c.Id, c.Channel,
                        c.OutcomeFlags.ToString(), c.MessageCount.ToString(CultureInfo.InvariantCulture), c.Reviewed ? "reviewed" : "-",
                        (c.FirstQuestion ?? "").ReplaceLineEndings(" ")));
                }
                remaining -= page.Items.Count;
                cursor = page.NextCursor;
            }
            while (cursor is not null && remaining > 0);
            return 0;
        });
        return command;
    }

    private static Command Show(IServiceProvider services)
    {
        var id = new Argument<string>("conversationId") { Description = "The conversation id (from transcripts list)." };
        var command = new Command("show", "Print one conversation with its decisions.") { id };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var detail = await services.GetRequiredService<ITranscriptStore>().GetAsync(parse.GetValue(id)!, cancellationToken);
            if (detail is null)
            {
                await Console.Error.WriteLineAsync($"No conversation \"{parse.GetValue(id)}\" (deleted, purged or never logged).");
                return 1;
            }
            var s = detail.Summary;
            Console.WriteLine($"Conversation {s.Id} on {s.Channel}, visitor {s.UserId}, {s.Started:u} to {s.Last:u}, outcomes {s.OutcomeFlags}");
            foreach (var m in detail.Messages)
            {
                var line = m.DecisionJson is not null
                    ? $"  [decision {m.Route} faq={m.FaqId} score={m.Score?.ToString("0.000", CultureInfo.InvariantCulture)} safety={m.SafetyTier} {m.Signals}]"
                    : $"{(m.Direction == TranscriptDirections.In ? "visitor" : "bot")} ({m.ActivityType}): {m.Text}";
                Console.WriteLine($"{m.Time:HH:mm:ss} {line}");
            }
            return 0;
        });
        return command;
    }

    private static Command Export(IServiceProvider services)
    {
        var output = new Option<FileInfo?>("--out") { Description = "Write to this file instead of standard output." };
        var format = new Option<string>("--format") { Description = "json (JSON lines, one conversation each) or csv (one row per message).", DefaultValueFactory = _ => "json" };
        format.AcceptOnlyFromAmong("json", "csv");
        var command = new Command("export", "Export every conversation as JSON lines (default) or CSV.") { output, format };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var exporter = services.GetRequiredService<TranscriptExporter>();
            var file = parse.GetValue(output);
            await using var writer = file is null
                ? new StreamWriter(Console.OpenStandardOutput(), new System.Text.UTF8Encoding(false))
                : new StreamWriter(file.FullName, false, new System.Text.UTF8Encoding(false));
            var count = parse.GetValue(format) == "csv"
                ? await exporter.WriteCsvAsync(writer, new ConversationFilter(), cancellationToken)
                : await exporter.WriteJsonLinesAsync(writer, new ConversationFilter(), cancellationToken);
            await Console.Error.WriteLineAsync($"Exported {count} conversations{(file is null ? "" : " to " + file.FullName)}.");
            return 0;
        });
        return command;
    }

    private static Command Purge(IServiceProvider services)
    {
        var olderThan = new Option<int?>("--older-than") { Description = "Days; defaults to Transcripts:RetentionDays." };
        var command = new Command("purge", "Delete conversations whose last activity is older than the retention period.") { olderThan };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var days = parse.GetValue(olderThan) ?? services.GetRequiredService<IOptions<TranscriptOptions>>().Value.RetentionDays;
            if (days < 0)
            {
                await Console.Error.WriteLineAsync("--older-than must be 0 or more days.");
                return 2;
            }
            var deleted = await services.GetRequiredService<ITranscriptStore>()
                .PurgeOlderThanAsync(DateTimeOffset.UtcNow.AddDays(-days), "cli", cancellationToken);
            Console.WriteLine($"Purged {deleted} conversations last active more than {days} days ago.");
            return 0;
        });
        return command;
    }
}
