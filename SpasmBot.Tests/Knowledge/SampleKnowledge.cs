using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SpasmBot.Knowledge;

namespace SpasmBot.Tests.Knowledge;

/// <summary>A small hand-made FAQ (wording taken from the corpus sources) and helpers to build a knowledge base from it.</summary>
internal static class SampleKnowledge
{
    public static readonly IReadOnlyList<string> StopWords = File.ReadAllLines(RepoFile("corpus", "stopwords.txt"))
        .Where(line => !line.TrimStart().StartsWith('#'))
        .SelectMany(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        .ToList();

    public static readonly IReadOnlyList<IReadOnlyList<string>> Synonyms =
    [
        ["nsaid", "nsaids", "ibuprofen", "advil", "motrin", "naproxen", "aleve", "anti-inflammatory"],
        ["lumbar", "lower back", "low back"],
        ["heat", "heating pad", "hot pack"],
        ["ice", "cold pack", "ice pack"],
        ["er", "a&e", "emergency room"],
    ];

    public static FaqEntry Entry(string id, string question, string answer, bool truncated = false, params string[] alternates) => new()
    {
        Id = id,
        Question = question,
        Answer = answer,
        AlternateQuestions = alternates,
        SourceDocument = "test.txt",
        IsTruncated = truncated,
    };

    public static List<FaqEntry> Entries() =>
    [
        Entry("medicine", "What is the best medicine for back spasms?",
            "Nonsteroidal anti-inflammatory drugs (NSAIDs), such as ibuprofen or naproxen sodium, may help relieve back pain. Take these medications only as directed by your doctor."),
        Entry("sleep", "How should I sleep with back spasms?",
            "If you sleep on your side, put the pillow between your knees and draw them up slightly toward your chest. Avoid sleeping on your stomach."),
        Entry("heat", "Is heat good for back spasms?",
            "Heat loosens tight trigger points and softens muscles. Place a heating pad in the area for 15-20 minutes to reduce pain."),
        Entry("duration", "How long does it take to recover from back spasms?",
            "Most episodes of back spasms last for only a few days. Some severe cases last about six to eight weeks."),
        Entry("stress", "Can stress cause back spasms?",
            "Stress and anxiety can also cause lower back spasm. Some people respond to stress by unconsciously tensing their muscles."),
        Entry("er", "When to go to the ER for back spasms?",
            "Muscle spasms in your back can be so painful that they may have you headed for the emergency room."),
        Entry("walking", "Is walking good for back spasms?",
            "People with recurrent episodes of lower back pain should consider walking as a low-impact form of exercise."),
        Entry("neck", "What happens when you have muscle spasms in your neck?",
            "When they occur in your neck, spasms can cause intense neck pain and a loss in your normal range of motion."),
    ];

    public static KnowledgeBase Create(IReadOnlyList<FaqEntry> entries, SearchOptions? options = null) =>
        Create(new ListSource(entries), options);

    public static KnowledgeBase Create(IKnowledgeDataSource source, SearchOptions? options = null) =>
        new(source, Options.Create(options ?? new SearchOptions()), NullLogger<KnowledgeBase>.Instance);

    public static QueryAnalyzer Analyzer(FaqIndex index) => new(index.Vocabulary, StopWords, Synonyms);

    public static string RepoFile(params string[] parts)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "SpasmBot.sln")))
        {
            directory = directory.Parent;
        }
        if (directory is null)
        {
            throw new InvalidOperationException("Cannot find the repository root (SpasmBot.sln) above the test binaries.");
        }
        return Path.Combine([directory.FullName, .. parts]);
    }

    /// <summary>A data source whose entries a test can change between rebuilds, or make fail.</summary>
    internal sealed class ListSource(IReadOnlyList<FaqEntry> entries) : IKnowledgeDataSource
    {
        public IReadOnlyList<FaqEntry> Entries { get; set; } = entries;
        public Exception? Failure { get; set; }

        public Task<KnowledgeData> LoadAsync(CancellationToken cancellationToken)
        {
            if (Failure is not null)
            {
                throw Failure;
            }
            return Task.FromResult(new KnowledgeData(Entries, StopWords, Synonyms));
        }
    }
}
