using SpasmBot.Channels;

namespace SpasmBot.Tests.Channels;

public class ChannelCapabilitiesTests
{
    [Theory]
    [InlineData("webchat")]
    [InlineData("directline")]
    [InlineData("emulator")]
    public void Web_chat_clients_render_adaptive_cards_and_suggested_actions(string channelId)
    {
        var c = ChannelCapabilities.For(channelId);
        Assert.True(c.SupportsAdaptiveCards);
        Assert.True(c.SupportsSuggestedActions);
        Assert.True(c.MaxSuggestedActions >= 3);
        Assert.True(c.SupportsMarkdown);
        Assert.True(c.SupportsCallButtons);
    }

    [Fact]
    public void Teams_renders_cards_but_choices_belong_on_the_card_not_in_suggested_actions()
    {
        var teams = ChannelCapabilities.For("msteams");
        Assert.True(teams.SupportsAdaptiveCards);
        Assert.Equal("1.5", teams.MaxAdaptiveCardVersion);
        Assert.False(teams.SupportsSuggestedActions);
        Assert.False(teams.SupportsCallButtons);
        Assert.Equal(3, teams.MaxCardActions);
    }

    [Fact]
    public void Slack_gets_markdown_text_instead_of_cards()
    {
        var slack = ChannelCapabilities.For("slack");
        Assert.False(slack.SupportsAdaptiveCards);
        Assert.False(slack.SupportsSuggestedActions);
        Assert.True(slack.SupportsMarkdown);
    }

    [Fact]
    public void Sms_is_plain_text_with_numbered_choices()
    {
        var sms = ChannelCapabilities.For("sms");
        Assert.False(sms.SupportsAdaptiveCards);
        Assert.False(sms.SupportsSuggestedActions);
        Assert.Equal(0, sms.MaxSuggestedActions);
        Assert.False(sms.SupportsMarkdown);
        Assert.False(sms.SupportsCallButtons);
    }

    [Theory]
    [InlineData("some-new-channel")]
    [InlineData(null)]
    public void Unknown_channels_fall_back_to_plain_text(string? channelId)
    {
        var c = ChannelCapabilities.For(channelId);
        Assert.False(c.SupportsAdaptiveCards);
        Assert.False(c.SupportsSuggestedActions);
        Assert.False(c.SupportsMarkdown);
    }

    [Fact]
    public void The_table_covers_the_common_channels_once_each()
    {
        var ids = ChannelCapabilities.All.Select(c => c.ChannelId).ToList();
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Subset(ids.ToHashSet(), new HashSet<string> { "msteams", "webchat", "directline", "emulator", "slack", "sms", "facebook", "telegram", "email" });
        // Anything claiming suggested actions says how many.
        Assert.All(ChannelCapabilities.All.Where(c => c.SupportsSuggestedActions), c => Assert.True(c.MaxSuggestedActions > 0, c.ChannelId));
        Assert.All(ChannelCapabilities.All.Where(c => c.SupportsAdaptiveCards), c => Assert.False(string.IsNullOrEmpty(c.MaxAdaptiveCardVersion), c.ChannelId));
    }
}
