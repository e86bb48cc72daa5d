namespace SpasmBot.Knowledge;

/// <summary>Everything the search engine is built from: the entries and the analyzer's word lists.</summary>
public sealed record KnowledgeData(
    IReadOnlyList<FaqEntry> Entries,
    IReadOnlyList<string> StopWords,
    IReadOnlyList<IReadOnlyList<string>> SynonymGroups);

/// <summary>Where the knowledge base gets its data: corpus/ in the app, hand-made lists in tests.</summary>
public interface IKnowledgeDataSource
{
    Task<KnowledgeData> LoadAsync(CancellationToken cancellationToken);
}
