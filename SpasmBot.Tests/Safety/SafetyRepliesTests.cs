using Microsoft.Extensions.DependencyInjection;
using SpasmBot.Safety;

namespace SpasmBot.Tests.Safety;

public class SafetyRepliesTests
{
    private static SafetyReplies Replies => SafetyTestData.Services.GetRequiredService<SafetyReplies>();

    private static readonly string[] DiagnosisWords =
        ["cauda equina", "heart attack", "stroke", "you have", "diagnos", "overdose", "suicidal", "aneurysm", "infection", "fracture"];

    [Theory]
    [InlineData(SafetyTier.Emergency, "en-US", "911")]
    [InlineData(SafetyTier.Emergency, "en-GB", "999")]
    [InlineData(SafetyTier.Crisis, "en-US", "988")]
    [InlineData(SafetyTier.Crisis, "en-GB", "116 123")]
    [InlineData(SafetyTier.Urgent, "en-GB", "NHS 111")]
    [InlineData(SafetyTier.Urgent, "en-US", "911")]
    public void Each_routing_message_gives_the_number_says_not_a_doctor_and_names_no_diagnosis(SafetyTier tier, string locale, string number)
    {
        var reply = Replies.For(tier, locale)!;
        Assert.Contains(number, reply.Text);
        Assert.Contains("not a doctor", reply.Text);
        foreach (var word in DiagnosisWords) Assert.DoesNotContain(word, reply.Text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("{", reply.Text);
    }

    [Fact]
    public void The_emergency_message_says_what_to_do_first()
    {
        var reply = Replies.For(SafetyTier.Emergency, "en-US")!;
        Assert.StartsWith("Call 911 now or go to the nearest", reply.Text);
        Assert.Equal("tel:911", reply.Actions[0].Uri);
    }

    [Fact]
    public void The_crisis_message_gives_the_crisis_line_and_the_emergency_number_with_call_buttons()
    {
        var us = Replies.For(SafetyTier.Crisis, "en-US")!;
        Assert.Contains("988 Suicide & Crisis Lifeline", us.Text);
        Assert.Contains("911", us.Text);
        Assert.Contains(us.Actions, a => a.Uri == "tel:988");
        Assert.Contains(us.Actions, a => a.Uri == "sms:988");
        Assert.Contains(us.Actions, a => a.Uri == "tel:911");

        var gb = Replies.For(SafetyTier.Crisis, "en-GB")!;
        Assert.Contains(gb.Actions, a => a.Uri == "tel:116123");
        Assert.DoesNotContain(gb.Actions, a => a.Uri.StartsWith("sms:", StringComparison.Ordinal)); // no text line set for en-GB
        Assert.DoesNotContain("988", gb.Text);
    }

    [Fact]
    public void No_routing_message_for_none_or_triage() // triage asks the checklist instead
    {
        Assert.Null(Replies.For(SafetyTier.None, "en-US"));
        Assert.Null(Replies.For(SafetyTier.Triage, "en-US"));
    }

    [Theory]
    [InlineData("911", "tel:911")]
    [InlineData("116 123", "tel:116123")]
    [InlineData("1-800-222-1222", "tel:18002221222")]
    [InlineData("+44 20 7946 0000", "tel:+442079460000")]
    public void Tel_uris_keep_only_digits_and_a_leading_plus(string number, string uri) =>
        Assert.Equal(uri, SafetyReplies.TelUri(number));

    [Fact]
    public void A_number_without_digits_is_rejected() =>
        Assert.Throws<ArgumentException>(() => SafetyReplies.TelUri("call us"));
}
