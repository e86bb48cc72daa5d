using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SpasmBot.Channels;
using SpasmBot.Protocol;

namespace SpasmBot.Tests.Channels;

/// <summary>
/// Recorded Teams activity shapes (Fixtures/teams-*.json, written from the Teams and Bot Framework docs) run through
/// the real turn pipeline (BotTurnRunner with the registered middleware) to a recording bot.
/// </summary>
public class TeamsActivityTests
{
    private sealed class RecordingHandler : ActivityHandler
    {
        public List<Activity> Messages { get; } = [];
        public List<string> Events { get; } = [];

        protected override Task OnMessageActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken)
        {
            Messages.Add(turnContext.Activity);
            return Task.CompletedTask;
        }

        protected override Task OnMembersAddedAsync(IReadOnlyList<ChannelAccount> membersAdded, ITurnContext turnContext, CancellationToken cancellationToken)
        {
            foreach (var member in membersAdded)
            {
                Events.Add(member.Id == turnContext.Activity.Recipient?.Id ? "bot added" : "user added");
            }
            return Task.CompletedTask;
        }

        protected override Task OnInstallationUpdateAsync(ITurnContext turnContext, CancellationToken cancellationToken)
        {
            Events.Add("installed:" + turnContext.Activity.Action);
            return Task.CompletedTask;
        }
    }

    private sealed class NoReplies : IReplySink
    {
        public Task<ResourceResponse> SendAsync(Activity activity, CancellationToken cancellationToken) => Task.FromResult(new ResourceResponse { Id = "1" });
    }

    private static async Task<RecordingHandler> RunAsync(string fixture)
    {
        var bot = new RecordingHandler();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddChannels(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());
        services.AddSingleton<IBot>(bot);
        services.AddSingleton<BotTurnRunner>();
        await using var provider = services.BuildServiceProvider();
        var activity = JsonSerializer.Deserialize<Activity>(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Channels", "Fixtures", fixture)), ProtocolJson.Options)!;
        await provider.GetRequiredService<BotTurnRunner>().RunTurnAsync(activity, new NoReplies(), CancellationToken.None);
        return bot;
    }

    [Fact]
    public async Task A_channel_message_reaches_the_bot_without_its_at_mention()
    {
        var bot = await RunAsync("teams-channel-mention.json");
        var message = Assert.Single(bot.Messages);
        Assert.Equal("what helps sciatica?", message.Text);
    }

    [Fact]
    public async Task Only_the_bots_own_mention_is_removed_in_a_group_chat()
    {
        var bot = await RunAsync("teams-groupchat-two-mentions.json");
        Assert.Equal("<at>Adele</at> asked me, so is heat or ice better?", Assert.Single(bot.Messages).Text);
    }

    [Fact]
    public async Task An_adaptive_card_submit_reaches_the_bot_with_its_value_and_no_text()
    {
        var bot = await RunAsync("teams-personal-card-submit.json");
        var message = Assert.Single(bot.Messages);
        Assert.Null(message.Text);
        var value = Assert.IsType<JsonElement>(message.Value);
        Assert.Equal("feedback", value.GetProperty("action").GetString());
        Assert.Equal("faq-0007", value.GetProperty("faqId").GetString());
        Assert.False(value.GetProperty("helpful").GetBoolean());
        Assert.Equal("1740907003001", message.ReplyToId);
    }

    [Fact]
    public async Task Installing_the_app_reaches_the_install_handler()
    {
        var bot = await RunAsync("teams-installation-update-add.json");
        Assert.Equal(["installed:add"], bot.Events);
    }

    [Fact]
    public async Task Adding_the_bot_to_a_team_reaches_the_members_added_handler_as_the_bot()
    {
        var bot = await RunAsync("teams-conversation-update-bot-added-to-team.json");
        Assert.Equal(["bot added"], bot.Events);
    }

    [Theory]
    [InlineData("<at>SpasmBot</at> hi", "hi")]
    [InlineData("hi <AT>spasmbot</AT>", "hi")]
    [InlineData("no mention here", "no mention here")]
    public void Mention_removal_matches_the_entity_text_case_insensitively(string text, string expected)
    {
        var activity = new Activity
        {
            Type = ActivityTypes.Message,
            Text = text,
            Recipient = new ChannelAccount { Id = "28:bot" },
            Entities = [JsonDocument.Parse("""{"type":"Mention","mentioned":{"id":"28:bot","name":"SpasmBot"},"text":"<at>SpasmBot</at>"}""").RootElement],
        };
        Assert.Equal(expected, TeamsMentionMiddleware.RemoveRecipientMention(activity));
    }

    [Fact]
    public void A_mention_of_someone_else_with_the_bots_name_is_kept()
    {
        var activity = new Activity
        {
            Type = ActivityTypes.Message,
            Text = "<at>SpasmBot</at> hi",
            Recipient = new ChannelAccount { Id = "28:bot" },
            Entities = [JsonDocument.Parse("""{"type":"mention","mentioned":{"id":"29:impostor","name":"SpasmBot"},"text":"<at>SpasmBot</at>"}""").RootElement],
        };
        Assert.Equal("<at>SpasmBot</at> hi", TeamsMentionMiddleware.RemoveRecipientMention(activity));
    }
}
