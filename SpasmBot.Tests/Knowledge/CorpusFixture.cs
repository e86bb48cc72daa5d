using SpasmBot.Knowledge;
using SpasmBot.Knowledge.Ingestion;

namespace SpasmBot.Tests.Knowledge;

/// <summary>The repository's corpus, ingested once for a test class.</summary>
public sealed class CorpusFixture
{
    public CorpusFixture()
    {
        Directory = CorpusLocator.Resolve("corpus");
        Rules = CorpusRules.Load(Directory);
        Sources = SourceDocument.LoadAll(Directory);
        Result = new CorpusIngestor(Rules).Ingest(Sources);
    }

    public string Directory { get; }
    public CorpusRules Rules { get; }
    public IReadOnlyList<SourceDocument> Sources { get; }
    public IngestResult Result { get; }
    public IReadOnlyList<FaqEntry> Entries => Result.Entries;

    public FaqEntry Entry(string question) =>
        Entries.SingleOrDefault(e => string.Equals(e.Question, question, StringComparison.OrdinalIgnoreCase))
        ?? throw new Xunit.Sdk.XunitException($"No entry asks \"{question}\". Questions: {string.Join(" | ", Entries.Select(e => e.Question))}");

    public string Source(string prefix) => Sources.Single(s => s.Name.StartsWith(prefix, StringComparison.Ordinal)).Text;

    /// <summary>A copy of the corpus in a temp folder, for tests that write to it.</summary>
    public static string CopyToTemp()
    {
        var source = CorpusLocator.Resolve("corpus");
        var target = Path.Combine(Path.GetTempPath(), "spasmbot-corpus-" + Guid.NewGuid().ToString("N"));
        foreach (var file in System.IO.Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(source, file));
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
        return target;
    }
}
