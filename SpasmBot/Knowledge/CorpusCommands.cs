using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using SpasmBot.Knowledge.Ingestion;

namespace SpasmBot.Knowledge;

/// <summary>`corpus report` and `ingest`: what ingestion made of the sources.</summary>
public static class CorpusCommands
{
    public static readonly JsonSerializerOptions JsonLines = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = false,
    };

    public static Command CreateCorpus(IServiceProvider services)
    {
        var report = new Command("report", "Print entries per source, boilerplate dropped, repairs applied and duplicates merged.");
        report.SetAction(_ => Guarded(() =>
        {
            WriteReport(services.GetRequiredService<KnowledgeCorpus>().Load(), Console.Out);
            return 0;
        }));
        var corpus = new Command("corpus", "Inspect the FAQ corpus built from corpus/.");
        corpus.Subcommands.Add(report);
        return corpus;
    }

    public static Command CreateIngest(IServiceProvider services)
    {
        var output = new Option<FileInfo?>("--out") { Description = "Write the entries to this file instead of standard output." };
        var ingest = new Command("ingest", "Build the FAQ entries from corpus/ (sources plus overrides) and print them as JSON lines.");
        ingest.Options.Add(output);
        ingest.SetAction(parse => Guarded(() =>
        {
            var snapshot = services.GetRequiredService<KnowledgeCorpus>().Load();
            var file = parse.GetValue(output);
            if (file is null)
            {
                WriteJsonLines(snapshot.Entries, Console.Out);
                return 0;
            }
            using (var writer = new StreamWriter(file.FullName, append: false))
            {
                WriteJsonLines(snapshot.Entries, writer);
            }
            Console.Error.WriteLine($"Wrote {snapshot.Entries.Count} entries to {file.FullName}");
            return 0;
        }));
        return ingest;
    }

    /// <summary>A missing corpus or a mistake in a data file is the user's to fix: say what and where, no stack trace.</summary>
    private static int Guarded(Func<int> action)
    {
        try
        {
            return action();
        }
        catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 1;
        }
    }

    public static void WriteJsonLines(IEnumerable<FaqEntry> entries, TextWriter writer)
    {
        foreach (var entry in entries)
        {
            writer.Write(JsonSerializer.Serialize(entry, JsonLines));
            writer.Write('\n');
        }
    }

    public static void WriteReport(CorpusSnapshot snapshot, TextWriter w)
    {
        var report = snapshot.Report;
        w.WriteLine("Sources");
        w.WriteLine($"  {"document",-26} {"kind",-8} {"entries",7} {"passages",8} {"boilerplate lines",17} {"sentences",9} {"repairs",7} {"fragments",9} {"truncated",9}");
        foreach (var s in report.Sources)
        {
            w.WriteLine($"  {s.Document,-26} {s.Kind,-8} {s.Entries,7} {s.Passages,8} {s.BoilerplateLines,17} {s.BoilerplateSentences,9} {s.Repairs,7} {s.FragmentsDropped,9} {s.Truncated,9}");
        }
        var overrides = snapshot.Entries.Count(e => e.SourceDocument == CorpusOverrides.SourceName);
        w.WriteLine($"  {"total",-26} {"",-8} {report.TotalEntries,7} {report.Sources.Sum(s => s.Passages),8} {report.Sources.Sum(s => s.BoilerplateLines),17} {report.Sources.Sum(s => s.BoilerplateSentences),9} {report.Sources.Sum(s => s.Repairs),7} {report.Sources.Sum(s => s.FragmentsDropped),9} {report.TruncatedEntries,9}");
        w.WriteLine();
        w.WriteLine($"Entries after overrides: {snapshot.Entries.Count} ({overrides} from overrides.yaml)");
        foreach (var topic in snapshot.Entries.GroupBy(e => e.Topic).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            w.WriteLine($"  {topic.Key,-20} {topic.Count(),3}");
        }
        w.WriteLine();
        w.WriteLine($"Duplicates merged: {report.Merged.Count}");
        foreach (var m in report.Merged)
        {
            w.WriteLine($"  \"{m.MergedQuestion}\" from {m.MergedSource}");
            w.WriteLine($"      into {m.KeptId}");
        }
        w.WriteLine();
        w.WriteLine($"Fragments dropped: {report.Fragments.Count}");
        foreach (var f in report.Fragments)
        {
            var text = f.Text.Replace('\n', ' ');
            w.WriteLine($"  {f.Document}: \"{f.Question}\" ({f.Reason})");
            w.WriteLine($"      {(text.Length > 90 ? text[..90] + "..." : text)}");
        }
        w.WriteLine();
        w.WriteLine($"Repairs applied: {report.RepairsApplied.Values.Sum()} by {report.RepairsApplied.Count} rules");
        foreach (var (rule, count) in report.RepairsApplied)
        {
            w.WriteLine($"  {count,3}  {rule}");
        }
        if (snapshot.OverrideProblems.Count > 0)
        {
            w.WriteLine();
            w.WriteLine($"Overrides not applied: {snapshot.OverrideProblems.Count}");
            foreach (var p in snapshot.OverrideProblems)
            {
                w.WriteLine($"  {p}");
            }
        }
    }
}
