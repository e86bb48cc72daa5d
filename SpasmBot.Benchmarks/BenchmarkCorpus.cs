using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SpasmBot.Knowledge;

namespace SpasmBot.Benchmarks;

/// <summary>The shipped corpus and labelled questions, found by walking up from the benchmark's folder.</summary>
public static class BenchmarkCorpus
{
    private static string CorpusDirectory => CorpusLocator.Resolve("corpus");

    public static KnowledgeData RealData() =>
        new CorpusKnowledgeSource(new KnowledgeCorpus(CorpusDirectory)).LoadAsync(CancellationToken.None).GetAwaiter().GetResult();

    public static string[] Questions() =>
        [.. EvalSet.Load(Path.Combine(CorpusDirectory, "eval", "questions.tsv")).Questions.Select(q => q.Question)];

    /// <param name="cacheAnswers">False measures every question's full search; true, the steady state with repeated questions.</param>
    public static KnowledgeBase KnowledgeBase(KnowledgeData data, bool cacheAnswers = false) =>
        new(new FixedSource(data), Options.Create(new SearchOptions { AnswerCacheSize = cacheAnswers ? 10_000 : 0 }),
            NullLogger<KnowledgeBase>.Instance);

    private sealed class FixedSource(KnowledgeData data) : IKnowledgeDataSource
    {
        public Task<KnowledgeData> LoadAsync(CancellationToken cancellationToken) => Task.FromResult(data);
    }
}
