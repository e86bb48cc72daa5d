using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using SpasmBot.Knowledge;

namespace SpasmBot.Benchmarks;

/// <summary>Time to build the index and analyzer (what start-up and a rebuild pay) at several corpus sizes.</summary>
[Config(typeof(Config))]
public class BuildBenchmarks
{
    private KnowledgeData _data = null!;

    [Params(0, 10_000, 100_000)]
    public int Entries { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var real = BenchmarkCorpus.RealData();
        _data = real with { Entries = Entries == 0 ? real.Entries : SyntheticCorpus.Create(real.Entries, Entries) };
    }

    [Benchmark]
    public int Build()
    {
        using var index = FaqIndex.Build(_data.Entries);
        var analyzer = new QueryAnalyzer(index.Vocabulary, _data.StopWords, _data.SynonymGroups, entryCount: _data.Entries.Count, commonShare: 0.15);
        return index.Vocabulary.Count + (analyzer.Analyze("x").IsEmpty ? 0 : 1);
    }

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddJob(Job.Default
                .WithStrategy(RunStrategy.Monitoring)
                .WithLaunchCount(1)
                .WithWarmupCount(1)
                .WithIterationCount(3)
                .WithId("Build"));
        }
    }
}
