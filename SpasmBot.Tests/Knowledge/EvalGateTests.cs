using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SpasmBot.Knowledge;

namespace SpasmBot.Tests.Knowledge;

/// <summary>
/// Runs the labelled set (corpus/eval/questions.tsv) against the real corpus with the shipped thresholds, so a
/// change to ingestion, synonyms or scoring that makes answers worse fails the build.
/// </summary>
public sealed class EvalGateTests : IClassFixture<EvalGateTests.RealKnowledge>
{
    private readonly RealKnowledge _real;

    public EvalGateTests(RealKnowledge real) => _real = real;

    [Fact]
    public void Every_label_names_an_existing_entry()
    {
        var unresolved = _real.Set.Questions.Where(q => !q.IsOffTopic)
            .Where(q => !_real.Knowledge.Entries.Any(e => EvalSet.IsRight(e, q)))
            .Select(q => $"line {q.Line}: {q.Question}")
            .ToList();

        Assert.Empty(unresolved);
    }

    [Fact]
    public void The_labelled_set_is_big_enough_and_covers_every_topic()
    {
        var answerable = _real.Set.Questions.Count(q => !q.IsOffTopic);
        var offTopic = _real.Set.Questions.Count(q => q.IsOffTopic);
        var coveredTopics = _real.Set.Questions.Where(q => !q.IsOffTopic)
            .SelectMany(q => _real.Knowledge.Entries.Where(e => EvalSet.IsRight(e, q)).Select(e => e.Topic))
            .ToHashSet();

        Assert.True(answerable >= 150, $"{answerable} answerable questions");
        Assert.True(offTopic >= 40, $"{offTopic} off-topic questions");
        var uncovered = _real.Knowledge.Entries.Select(e => e.Topic).Distinct().Except(coveredTopics).ToList();
        Assert.Empty(uncovered);
    }

    [Fact]
    public void Answer_quality_stays_at_the_measured_level()
    {
        var evaluator = new Evaluator(_real.Knowledge);
        var options = _real.Knowledge.Options;
        var score = Evaluator.Score(evaluator.Outcomes(_real.Set.Questions, options.NoAnswerBelow, options.ClarifyMargin));

        // Floors a little under what `eval` measures (see the search notes); raise them when quality improves.
        Assert.True(score.PrecisionAt1 >= 0.80, $"P@1 {score.PrecisionAt1:P1}");
        Assert.True(score.Mrr5 >= 0.88, $"MRR@5 {score.Mrr5:0.000}");
        Assert.True(score.NoAnswerRecall >= 0.90, $"off-topic declined {score.NoAnswerRecall:P1}");
        Assert.True(score.NoAnswerPrecision >= 0.70, $"no-answer precision {score.NoAnswerPrecision:P1}");
    }

    /// <summary>The shipped corpus and thresholds, built once for the class.</summary>
    public sealed class RealKnowledge : IDisposable
    {
        public RealKnowledge()
        {
            var corpus = new KnowledgeCorpus(CorpusLocator.Resolve("corpus"));
            var options = new SearchOptions();
            new ConfigurationBuilder().AddJsonFile(SampleKnowledge.RepoFile("SpasmBot", "appsettings.json")).Build()
                .GetSection(SearchOptions.SectionName).Bind(options);
            Knowledge = new KnowledgeBase(new CorpusKnowledgeSource(corpus), Options.Create(options), NullLogger<KnowledgeBase>.Instance);
            Knowledge.EnsureLoaded();
            Set = EvalSet.Load(Path.Combine(corpus.Directory, "eval", "questions.tsv"));
        }

        public KnowledgeBase Knowledge { get; }
        public EvalSet Set { get; }

        public void Dispose() => Knowledge.Dispose();
    }
}
