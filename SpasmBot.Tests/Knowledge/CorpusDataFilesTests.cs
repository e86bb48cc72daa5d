using SpasmBot.Knowledge;

namespace SpasmBot.Tests.Knowledge;

/// <summary>The data files give clear errors for mistakes an editor could make.</summary>
public class CorpusDataFilesTests
{
    [Theory]
    [InlineData("paragraph: ^x", "line 1")]
    [InlineData("line: (unclosed", "bad regular expression")]
    [InlineData("block:", "line 1")]
    public void Boilerplate_mistakes_name_the_line(string rule, string expected)
    {
        var error = Assert.Throws<FormatException>(() => BoilerplateFilter.Parse([rule]).ToList());
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Boilerplate_blocks_take_their_whole_paragraph_and_sentences_leave_the_rest()
    {
        var filter = new BoilerplateFilter(BoilerplateFilter.Parse(["block: Share on Pinterest", "sentence: ^How this works\\."]));

        var result = filter.Apply(["Intro text.", "", "Woman holding her back Share on Pinterest", "The caption under the image.", "", "How this works. About 80 percent of people get back pain."]);

        Assert.Equal(["Intro text.", "", "", "About 80 percent of people get back pain."], result.Lines);
        Assert.Equal(2, result.LinesDropped);
        Assert.Equal(1, result.SentencesDropped);
    }

    [Fact]
    public void Question_rules_use_the_parent_heading_and_named_groups()
    {
        var rules = new QuestionRules(QuestionRules.Parse(
        [
            "cause\t.+\tCan {heading} cause {subject}?\tDoes {heading} cause {subject}?",
            "*\t^Exploring (?<x>.+) Surgery Options$\tWhat are the surgery options for {x}?",
            "*\t^Diagnos\tHow {are} {subject} diagnosed?",
        ]));

        Assert.Equal("Can poor posture cause lower back spasms?", rules.Derive("Causes", "Poor posture", "lower back spasms")!.Question);
        Assert.Null(rules.Derive("Treatment", "Poor posture", "lower back spasms"));
        Assert.Equal("What are the surgery options for piriformis syndrome?", rules.Derive("", "Exploring Piriformis Syndrome Surgery Options", "x")!.Question);
        Assert.Equal("How is buttock pain diagnosed?", rules.Derive("", "Diagnosis", "buttock pain")!.Question);
    }

    [Fact]
    public void Topic_rules_need_a_clear_lead_to_split_a_passage_off()
    {
        var topics = new TopicRules(TopicRules.Parse(
        [
            "causes\tcause\tWhat causes {subject}?",
            "diagnosis\tdiagnos\tHow {are} {subject} diagnosed?",
            "general\tmean\tWhat {are} {subject}?",
        ]));

        Assert.Equal("diagnosis", topics.ClassifyPassage("A diagnosis starts with a history.")!.Topic);
        Assert.Null(topics.ClassifyPassage("The diagnosis depends on the cause."));
        Assert.Equal("general", topics.Classify("Why is the sky blue?", "", ""));
        Assert.Equal("causes", topics.Classify("What causes it?", "Diagnosis", ""));
    }
}
