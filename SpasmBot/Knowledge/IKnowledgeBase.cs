namespace SpasmBot.Knowledge;

/// <summary>The FAQ knowledge the conversation asks. A test seam, and rebuilt live when operators edit the overrides.</summary>
public interface IKnowledgeBase
{
    /// <summary>Finds the best entries for free text; never throws on odd input.</summary>
    AnswerResult Ask(string question);

    FaqEntry? Find(string faqId);

    IReadOnlyList<FaqEntry> Entries { get; }

    /// <summary>Re-reads corpus/ (sources and overrides) and swaps in a fresh index without a restart.</summary>
    Task RebuildAsync(CancellationToken cancellationToken = default);
}
