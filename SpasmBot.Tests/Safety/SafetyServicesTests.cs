using Microsoft.Extensions.DependencyInjection;
using SpasmBot.Safety;

namespace SpasmBot.Tests.Safety;

public class SafetyServicesTests
{
    [Fact]
    public void AddSafety_registers_one_red_flag_detector_as_the_safety_check()
    {
        var first = SafetyTestData.Services.GetRequiredService<ISafetyCheck>();
        Assert.IsType<RedFlagDetector>(first);
        Assert.Same(first, SafetyTestData.Services.GetRequiredService<ISafetyCheck>());
        Assert.Equal(SafetyTier.Emergency, first.Assess("cant feel my legs").Tier);
    }

    [Fact]
    public void A_broken_data_file_is_a_clear_error_naming_the_file()
    {
        var dir = Directory.CreateTempSubdirectory().FullName;
        try
        {
            File.Copy(Path.Combine(SafetyTestData.DataDirectory, "cues.yaml"), Path.Combine(dir, "cues.yaml"));
            File.WriteAllText(Path.Combine(dir, "red-flags.yaml"), "rules:\n  - id: x\n    tier: emergency\n    patterns: ['@nosuchclass legs']\n");
            var error = Assert.Throws<InvalidDataException>(() => SafetyServices.Detector(dir));
            Assert.Contains("@nosuchclass", error.Message);

            File.Delete(Path.Combine(dir, "red-flags.yaml"));
            var missing = Assert.Throws<FileNotFoundException>(() => SafetyServices.Detector(dir));
            Assert.Contains("red-flags.yaml", missing.Message);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}

public class SafetyTierNamesTests
{
    [Theory]
    [InlineData(SafetyTier.Emergency, SpasmBot.Conversation.Routes.Emergency)]
    [InlineData(SafetyTier.Crisis, SpasmBot.Conversation.Routes.Crisis)]
    [InlineData(SafetyTier.Urgent, SpasmBot.Conversation.Routes.Urgent)]
    [InlineData(SafetyTier.Triage, SpasmBot.Conversation.Routes.Triage)]
    [InlineData(SafetyTier.None, null)]
    public void Each_alarmed_tier_maps_to_its_decision_route(SafetyTier tier, string? route) =>
        Assert.Equal(route, tier.Route());
}

public class SafetyTextRepairTests
{
    [Theory]
    [InlineData("i peed my self")]
    [InlineData("bladdr problems and back pain")]
    [InlineData("cant controll my bladder")]
    [InlineData("weekness in both legs")]
    [InlineData("numbnes in my groin")]
    [InlineData("i carnt feel me legs")]
    public void Typos_and_split_words_are_repaired_before_matching(string message) =>
        Assert.Equal(SafetyTier.Emergency, SafetyTestData.Detector.Assess(message).Tier);

    [Theory]
    [InlineData("my back spasm made me cancel my plans")] // "cancel" must not become "cancer"
    public void Real_words_are_not_repaired_into_red_flag_words(string message) =>
        Assert.DoesNotContain(SafetyTestData.Detector.Assess(message).Signals, s => s.StartsWith("history.", StringComparison.Ordinal));

    [Fact]
    public void A_real_word_the_rules_match_by_its_start_is_left_alone() => // "drooping" must not become "dropping"
        Assert.Equal(SafetyTier.Emergency, SafetyTestData.Detector.Assess("my face is drooping").Tier);
}

public class SafetyAssessmentsTests
{
    [Fact]
    public void The_most_urgent_assessment_of_a_conversation_wins_and_keeps_all_signals()
    {
        var turns = new[] { "my back is stiff", "i had breast cancer years ago", "and now i cant feel my legs" }
            .Select(SafetyTestData.Detector.Assess);
        var overall = SafetyAssessments.MostUrgent(turns);
        Assert.Equal(SafetyTier.Emergency, overall.Tier);
        Assert.Equal("legs.both", overall.Signals[0]);
        Assert.Contains("history.cancer", overall.Signals);
        Assert.Same(SafetyAssessment.None, SafetyAssessments.MostUrgent([SafetyAssessment.None]));
    }
}
