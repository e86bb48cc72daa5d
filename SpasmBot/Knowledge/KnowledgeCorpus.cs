using Microsoft.Extensions.Options;
using SpasmBot.Knowledge.Ingestion;

namespace SpasmBot.Knowledge;

/// <summary>The final entries the index is built from: ingested sources with the editors' overrides applied.</summary>
public sealed record CorpusSnapshot(IReadOnlyList<FaqEntry> Entries, IngestReport Report, IReadOnlyList<string> OverrideProblems);

/// <summary>Reads corpus/ fresh on every call (sources, data files, overrides), so a rebuild sees editors' changes.</summary>
public sealed class KnowledgeCorpus
{
    public KnowledgeCorpus(IOptions<KnowledgeOptions> options)
        : this(CorpusLocator.Resolve(options.Value.CorpusPath))
    {
    }

    public KnowledgeCorpus(string corpusDirectory)
    {
        Directory = corpusDirectory;
        Overrides = new CorpusOverrides(System.IO.Path.Combine(corpusDirectory, "overrides.yaml"));
    }

    public string Directory { get; }

    public CorpusOverrides Overrides { get; }

    public string SynonymsPath => System.IO.Path.Combine(Directory, "synonyms.txt");

    public SynonymTable LoadSynonyms() => SynonymTable.Load(SynonymsPath);

    public CorpusSnapshot Load()
    {
        var rules = CorpusRules.Load(Directory);
        var ingested = new CorpusIngestor(rules).Ingest(SourceDocument.LoadAll(Directory));
        var applied = Overrides.Apply(ingested.Entries, rules.Topics);
        return new CorpusSnapshot(applied.Entries, ingested.Report, applied.Problems);
    }
}
