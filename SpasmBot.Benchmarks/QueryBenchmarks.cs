using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using SpasmBot.Knowledge;

namespace SpasmBot.Benchmarks;

/// <summary>
/// Latency of one visitor question (analysis, search, scoring, decision) with the answer cache off, so every
/// question pays the full search. One question per iteration,
/// cycling through the labelled set, so P99 is the 99th percentile over single questions.
/// </summary>
[Config(typeof(Config))]
public class QueryBenchmarks
{
    private KnowledgeBase _knowledge = null!;
    private string[] _questions = [];
    private int _next;

    /// <summary>0 = the shipped corpus; otherwise a synthetic corpus of that many entries.</summary>
    [Params(0, 10_000, 100_000)]
    public int Entries { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var real = BenchmarkCorpus.RealData();
        var entries = Entries == 0 ? real.Entries : SyntheticCorpus.Create(real.Entries, Entries);
        _knowledge = BenchmarkCorpus.KnowledgeBase(real with { Entries = entries });
        _knowledge.EnsureLoaded();
        _questions = BenchmarkCorpus.Questions();
    }

    [GlobalCleanup]
    public void Cleanup() => _knowledge.Dispose();

    [Benchmark]
    public AnswerResult Ask() => _knowledge.Ask(_questions[_next++ % _questions.Length]);

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddJob(Job.Default
                .WithStrategy(RunStrategy.Throughput)
                .WithLaunchCount(1)
                .WithWarmupCount(100)
                .WithIterationCount(1000)
                .WithInvocationCount(1)
                .WithUnrollFactor(1)
                .WithId("PerQuestion"));
            AddColumn(StatisticColumn.P50, StatisticColumn.P95, new PercentileColumn(99), StatisticColumn.Max);
            WithOptions(ConfigOptions.DisableOptimizationsValidator);
        }
    }
}
