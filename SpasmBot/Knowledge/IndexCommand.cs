using System.CommandLine;
using System.Diagnostics;
using System.Globalization;

namespace SpasmBot.Knowledge;

/// <summary>`index`: builds the search index from corpus/ and prints what went in; --out also writes it to a file.</summary>
public static class IndexCommand
{
    public static Command Create(IServiceProvider services)
    {
        var outOption = new Option<FileInfo?>("--out") { Description = "Also write the index to this SQLite file" };
        var command = new Command("index", "Build the full-text index from corpus/ and print its counts");
        command.Options.Add(outOption);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var knowledge = services.GetRequiredService<KnowledgeBase>();
            var watch = Stopwatch.StartNew();
            try
            {
                await knowledge.RebuildAsync(cancellationToken);
            }
            catch (InvalidOperationException ex)
            {
                Console.Error.WriteLine(ex.Message);
                return 1;
            }
            watch.Stop();
            var index = knowledge.Index;
            var output = Console.Out;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Indexed {index.Entries.Count} entries in {watch.ElapsedMilliseconds} ms; vocabulary {index.Vocabulary.Count} words; {index.Entries.Count(e => e.IsTruncated)} truncated answers (ranked lower)."));
            foreach (var group in index.Entries.GroupBy(e => e.SourceDocument).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {group.Key}: {group.Count()} entries"));
            }
            foreach (var group in index.Entries.GroupBy(e => string.IsNullOrEmpty(e.Topic) ? "(no topic)" : e.Topic).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  topic {group.Key}: {group.Count()} entries"));
            }
            var file = parseResult.GetValue(outOption);
            if (file is not null)
            {
                index.SaveTo(file.FullName);
                output.WriteLine($"Wrote {file.FullName}");
            }
            return 0;
        });
        return command;
    }
}
