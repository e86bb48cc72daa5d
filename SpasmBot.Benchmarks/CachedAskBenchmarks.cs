using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using SpasmBot.Knowledge;

namespace SpasmBot.Benchmarks;

/// <summary>
/// Steady-state cost of <see cref="IKnowledgeBase.Ask"/> on the shipped corpus when visitors repeat questions:
/// the labelled questions asked over and over, so after the first round every answer comes from the cache.
/// (QueryBenchmarks measures the full search of each question with the cache off.)
/// </summary>
[Config(typeof(Config))]
public class CachedAskBenchmarks
{
    private KnowledgeBase _knowledge = null!;
    private string[] _questions = [];
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _knowledge = BenchmarkCorpus.KnowledgeBase(BenchmarkCorpus.RealData(), cacheAnswers: true);
        _questions = BenchmarkCorpus.Questions();
        foreach (var question in _questions)
        {
            _knowledge.Ask(question);
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _knowledge.Dispose();

    [Benchmark]
    public AnswerResult Ask() => _knowledge.Ask(_questions[_next++ % _questions.Length]);

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddJob(Job.ShortRun.WithId("SteadyState"));
            WithOptions(ConfigOptions.DisableOptimizationsValidator);
        }
    }
}
