namespace SpasmBot.Knowledge;

/// <summary>Feeds the search engine from corpus/: the ingested entries with overrides, stopwords.txt and synonyms.txt.</summary>
public sealed class CorpusKnowledgeSource(KnowledgeCorpus corpus) : IKnowledgeDataSource
{
    public Task<KnowledgeData> LoadAsync(CancellationToken cancellationToken)
    {
        var snapshot = corpus.Load();
        var stopWords = ReadStopWords(Path.Combine(corpus.Directory, "stopwords.txt"));
        var synonyms = corpus.LoadSynonyms().Groups;
        return Task.FromResult(new KnowledgeData(snapshot.Entries, stopWords, synonyms));
    }

    /// <summary>Words separated by spaces, one or more per line; "#" lines are comments.</summary>
    public static IReadOnlyList<string> ReadStopWords(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The stop word list is missing: {path}", path);
        }
        return File.ReadLines(path)
            .Where(line => !line.TrimStart().StartsWith('#'))
            .SelectMany(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToList();
    }
}
