using SpasmBot.Knowledge;

namespace SpasmBot.Tests.Knowledge;

public sealed class AnswerCacheTests
{
    [Theory]
    [InlineData("Heat or ice??", "heat or ice")]
    [InlineData("how should i sleep with back spasms", "HOW SHOULD I SLEEP WITH BACK SPASMS!!!")]
    [InlineData("is haet good for back spasms", "is haet good for back spasms")]
    [InlineData("best pizza in town", "best pizza in town?")]
    public void A_repeated_question_gets_the_answer_an_uncached_search_gives(string first, string again)
    {
        using var cached = SampleKnowledge.Create(SampleKnowledge.Entries());
        using var uncached = SampleKnowledge.Create(SampleKnowledge.Entries(), new SearchOptions { AnswerCacheSize = 0 });

        cached.Ask(first);
        var repeated = cached.Ask(again);
        var fresh = uncached.Ask(again);

        Assert.Equal(fresh.Outcome, repeated.Outcome);
        Assert.Equal(fresh.Candidates.Select(c => (c.Entry.Id, c.Score)), repeated.Candidates.Select(c => (c.Entry.Id, c.Score)));
    }

    [Fact]
    public void Different_wording_is_a_different_question()
    {
        using var knowledge = SampleKnowledge.Create(SampleKnowledge.Entries());

        var sleep = knowledge.Ask("how should i sleep with back spasms");
        var stress = knowledge.Ask("can stress cause back spasms");

        Assert.Equal("sleep", sleep.Best!.Entry.Id);
        Assert.Equal("stress", stress.Best!.Entry.Id);
    }

    [Fact]
    public void A_full_cache_starts_over_instead_of_growing()
    {
        var cache = new AnswerCache(capacity: 3);
        var answer = new AnswerResult(AnswerOutcome.NoAnswer, []);

        foreach (var key in new[] { "a", "b", "c", "d" })
        {
            cache.Add(key, answer);
        }

        Assert.False(cache.TryGet("a", out _));
        Assert.False(cache.TryGet("c", out _));
        cache.Add("a", answer);
        Assert.True(cache.TryGet("a", out _));
    }

    [Fact]
    public void The_key_ignores_case_and_punctuation_but_keeps_word_order()
    {
        Assert.Equal(AnswerCache.Key("Heat or ICE??", 60), AnswerCache.Key("heat or ice", 60));
        Assert.NotEqual(AnswerCache.Key("ice or heat", 60), AnswerCache.Key("heat or ice", 60));
    }
}
