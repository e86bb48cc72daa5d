using SpasmBot.Knowledge;

namespace SpasmBot.Tests.Knowledge;

public sealed class KnowledgeBaseTests
{
    [Theory]
    [InlineData("how shuold i sleep with a back spasm", "sleep")]
    [InlineData("is haet good for back spasms", "heat")]
    [InlineData("can stres cause back spasms", "stress")]
    public void A_question_with_a_typo_still_gets_the_right_answer(string question, string expectedId)
    {
        using var knowledge = SampleKnowledge.Create(SampleKnowledge.Entries());

        var result = knowledge.Ask(question);

        Assert.Equal(AnswerOutcome.Answer, result.Outcome);
        Assert.Equal(expectedId, result.Best!.Entry.Id);
    }

    [Theory]
    [InlineData("can I take advil for back spasms")]
    [InlineData("aleve for back spasm?")]
    public void A_brand_name_finds_the_nsaid_answer(string question)
    {
        using var knowledge = SampleKnowledge.Create(SampleKnowledge.Entries());

        var result = knowledge.Ask(question);

        Assert.NotEqual(AnswerOutcome.NoAnswer, result.Outcome);
        Assert.Equal("medicine", result.Best!.Entry.Id);
    }

    [Theory]
    [InlineData("what's the weather like tomorrow")]
    [InlineData("how do I fix my car's brakes")]
    [InlineData("best pizza in town")]
    [InlineData("recipe for banana bread")]
    public void Off_topic_questions_are_declined(string question)
    {
        using var knowledge = SampleKnowledge.Create(SampleKnowledge.Entries());

        var result = knowledge.Ask(question);

        Assert.Equal(AnswerOutcome.NoAnswer, result.Outcome);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("?!?")]
    [InlineData("\U0001F62B")]
    public void An_empty_question_gets_no_answer(string question)
    {
        using var knowledge = SampleKnowledge.Create(SampleKnowledge.Entries());

        var result = knowledge.Ask(question);

        Assert.Equal(AnswerOutcome.NoAnswer, result.Outcome);
        Assert.Empty(result.Candidates);
    }

    [Fact]
    public void Confidence_is_between_zero_and_one()
    {
        using var knowledge = SampleKnowledge.Create(SampleKnowledge.Entries());

        var result = knowledge.Ask("how long does a back spasm last and should I use heat or ice or go to the ER");

        Assert.NotEmpty(result.Candidates);
        Assert.All(result.Candidates, c => Assert.InRange(c.Score, 0, 1));
    }

    [Fact]
    public void A_truncated_answer_ranks_below_a_complete_one_to_the_same_question()
    {
        var entries = SampleKnowledge.Entries();
        entries.Insert(0, SampleKnowledge.Entry("neck-cut", "What happens when you have muscle spasms in your neck?",
            "Muscle spasms in your neck can cause intense neck pain,…", truncated: true));
        using var knowledge = SampleKnowledge.Create(entries);

        var result = knowledge.Ask("muscle spasms in my neck");

        Assert.Equal("neck", result.Candidates[0].Entry.Id);
        Assert.Contains(result.Candidates, c => c.Entry.Id == "neck-cut");
    }

    [Fact]
    public void Close_runners_up_make_it_ask_which_one_was_meant()
    {
        using var knowledge = SampleKnowledge.Create(SampleKnowledge.Entries(), new SearchOptions { ClarifyMargin = 0.1 });

        // Both the heat and the walking entries ask "Is ... good for back spasms?".
        var result = knowledge.Ask("is heat or walking good for back spasms");

        Assert.Equal(AnswerOutcome.Clarify, result.Outcome);
        Assert.Equal(["heat", "walking"], result.Candidates.Take(2).Select(c => c.Entry.Id).Order());
    }

    [Fact]
    public async Task Rebuild_picks_up_an_edited_entry()
    {
        var source = new SampleKnowledge.ListSource(SampleKnowledge.Entries());
        using var knowledge = SampleKnowledge.Create(source);
        Assert.Equal(AnswerOutcome.NoAnswer, knowledge.Ask("does magnesium help back cramps").Outcome);

        source.Entries = [.. SampleKnowledge.Entries(), SampleKnowledge.Entry("magnesium", "Does magnesium help back spasms?",
            "Low magnesium levels can lead to muscle spasms; ask your doctor before taking supplements.")];
        await knowledge.RebuildAsync();

        var result = knowledge.Ask("does magnesium help back cramps");
        Assert.Equal("magnesium", result.Best!.Entry.Id);
        Assert.NotNull(knowledge.Find("magnesium"));
    }

    [Fact]
    public async Task A_failed_rebuild_keeps_the_last_good_index()
    {
        var source = new SampleKnowledge.ListSource(SampleKnowledge.Entries());
        using var knowledge = SampleKnowledge.Create(source);
        knowledge.EnsureLoaded();

        source.Failure = new InvalidDataException("overrides.yaml line 3: bad indentation");
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => knowledge.RebuildAsync());

        Assert.Contains("overrides.yaml line 3", error.Message);
        Assert.Equal("sleep", knowledge.Ask("how to sleep with back spasms").Best!.Entry.Id);
    }

    [Fact]
    public void A_missing_corpus_fails_with_a_clear_message()
    {
        var source = new SampleKnowledge.ListSource([]) { Failure = new DirectoryNotFoundException("corpus/ not found") };
        using var knowledge = SampleKnowledge.Create(source);

        var error = Assert.Throws<InvalidOperationException>(knowledge.EnsureLoaded);

        Assert.Contains("corpus could not be loaded", error.Message);
        Assert.Contains("corpus/ not found", error.Message);
    }

    [Fact]
    public void An_empty_corpus_is_refused()
    {
        using var knowledge = SampleKnowledge.Create([]);

        var error = Assert.Throws<InvalidOperationException>(knowledge.EnsureLoaded);

        Assert.Contains("no entries", error.Message);
    }
}
