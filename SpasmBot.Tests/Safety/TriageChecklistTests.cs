using Microsoft.Extensions.DependencyInjection;
using SpasmBot.Safety;

namespace SpasmBot.Tests.Safety;

public class TriageChecklistTests
{
    private static TriageChecklist Checklist => SafetyTestData.Services.GetRequiredService<TriageChecklist>();

    [Fact]
    public void The_checklist_has_three_to_five_yes_no_questions_that_route_to_emergency_or_urgent()
    {
        var questions = Checklist.Questions("en-US");
        Assert.InRange(questions.Count, 3, 5);
        Assert.All(questions, q => Assert.True(q.YesTier is SafetyTier.Emergency or SafetyTier.Urgent));
        Assert.Contains(questions, q => q.Text.Contains("peeing", StringComparison.Ordinal));
        Assert.Contains(questions, q => q.Text.Contains("both legs", StringComparison.Ordinal));
        Assert.Contains("not a doctor", Checklist.For("en-US").Intro);
    }

    [Fact]
    public void A_yes_to_the_bladder_question_routes_to_emergency()
    {
        var answers = new Dictionary<string, bool> { ["bladder-bowel-saddle"] = true };
        Assert.Equal(SafetyTier.Emergency, Checklist.Route(answers));
    }

    [Fact]
    public void A_yes_to_the_fever_question_routes_to_urgent()
    {
        var answers = Checklist.Questions().ToDictionary(q => q.Id, q => q.Id == "fever-unwell");
        Assert.Equal(SafetyTier.Urgent, Checklist.Route(answers));
    }

    [Fact]
    public void All_no_answers_resume_the_question()
    {
        var answers = new Dictionary<string, bool>();
        TriageQuestion? next;
        var asked = 0;
        while ((next = Checklist.Next(answers)) is not null)
        {
            answers[next.Id] = false;
            asked++;
        }
        Assert.Equal(Checklist.Questions().Count, asked);
        Assert.Equal(SafetyTier.None, Checklist.Route(answers));
        Assert.False(string.IsNullOrWhiteSpace(Checklist.For().AllNo));
    }

    [Theory]
    [InlineData("Yes", true)]
    [InlineData("yep!", true)]
    [InlineData("not sure", true)] // unsure counts as yes: fail toward caution
    [InlineData("No", false)]
    [InlineData("nope", false)]
    [InlineData("what stretches help?", null)]
    [InlineData("", null)]
    public void Typed_answers_are_understood(string text, bool? expected) =>
        Assert.Equal(expected, Checklist.ParseAnswer(text));
}
