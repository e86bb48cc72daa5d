using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using SpasmBot.Protocol;

namespace SpasmBot.Tests.Channels;

/// <summary>
/// NEEDS THE MERGED CONVERSATION (knowledge, safety and the lead's bot on main): the widget in a real browser
/// against the real SpasmBot, as a visitor uses it. Asserts behaviour, not wording: an answer card naming its
/// source, an acknowledgement after "Not helpful", the urgent-care message first for an emergency.
/// </summary>
[Collection("Browser")]
[Trait("Category", "ConversationBrowser")]
public sealed class WidgetConversationBrowserTests : IAsyncLifetime
{
    private BrowserHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = new BrowserHost(bot: null);
        await _host.StartAsync();
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_question_gets_an_answer_card_with_its_source_and_not_helpful_is_acknowledged()
    {
        var page = await _host.NewVisitorAsync();
        await BrowserHost.OpenChatAsync(page);
        await BrowserHost.SendAsync(page, "Is heat or ice better for a back spasm?");

        var card = page.Locator(".spasmbot-chat .ac-adaptiveCard", new PageLocatorOptions { HasText = "Source" }).Last;
        await card.WaitForAsync();
        await BrowserHost.ScreenshotAsync(page, "conversation-answer-card");
        var answer = (await LogAsync(page)).Last(a => IsBotMessage(a) && a.Attachments is { Count: > 0 });
        Assert.Equal("application/vnd.microsoft.card.adaptive", answer.Attachments![0].ContentType);
        Assert.Contains("Source", JsonSerializer.Serialize(answer.Attachments[0].Content));

        var botMessagesBefore = (await LogAsync(page)).Count(IsBotMessage);
        var bubblesBefore = await page.Locator(BotBubbles).CountAsync();
        await BrowserHost.ClickCardButtonAsync(page, "Not helpful");
        await page.WaitForFunctionAsync($"n => document.querySelectorAll(\"{BotBubbles}\").length > n", bubblesBefore);
        var log = await LogAsync(page);
        var acknowledgement = log.Where(IsBotMessage).Skip(botMessagesBefore).FirstOrDefault();
        Assert.NotNull(acknowledgement);
        Assert.NotEqual(BotTurnRunner.ApologyText, acknowledgement.Text);
        Assert.False(string.IsNullOrWhiteSpace(acknowledgement.Text));
        await BrowserHost.ScreenshotAsync(page, "conversation-not-helpful");
    }

    [Fact]
    public async Task An_emergency_gets_the_urgent_care_message_first()
    {
        var page = await _host.NewVisitorAsync();
        await BrowserHost.OpenChatAsync(page);
        const string emergency = "My back hurts, my legs have gone numb and I can't control my bladder";
        await BrowserHost.SendAsync(page, emergency);

        var log = await WaitForLogAsync(page, l => l.FindIndex(a => a.Text == emergency) is var q && q >= 0 && l.Skip(q + 1).Any(IsBotMessage));
        var question = log.FindIndex(a => a.Text == emergency);
        var first = log.Skip(question + 1).First(IsBotMessage);
        // And the visitor sees it.
        await page.Locator(BotBubbles, new PageLocatorOptions { HasTextRegex = new System.Text.RegularExpressions.Regex("911|999|112|emergency", System.Text.RegularExpressions.RegexOptions.IgnoreCase) }).First.WaitForAsync();
        var firstText = (first.Text ?? "") + JsonSerializer.Serialize(first.Attachments);
        Assert.True(new[] { "911", "999", "112", "emergency" }.Any(w => firstText.Contains(w, StringComparison.OrdinalIgnoreCase)),
            "the first reply to an emergency must send the visitor to emergency care: " + firstText);
        await BrowserHost.ScreenshotAsync(page, "conversation-emergency");
    }

    private const string BotBubbles = ".spasmbot-chat .webchat__bubble:not(.webchat__bubble--from-user)";

    private static bool IsBotMessage(Activity a) => a.Type == ActivityTypes.Message && a.From?.Role == "bot";

    /// <summary>Polls the log until it satisfies the condition (the first turn of a fresh host can be slow).</summary>
    private async Task<List<Activity>> WaitForLogAsync(IPage page, Func<List<Activity>, bool> done)
    {
        for (var attempt = 0; attempt < 120; attempt++)
        {
            var log = await LogAsync(page);
            if (done(log))
            {
                return log;
            }
            await Task.Delay(500);
        }
        await BrowserHost.ScreenshotAsync(page, "conversation-timeout");
        throw new TimeoutException("The bot did not answer within 60 s.");
    }

    /// <summary>The visitor's conversation log, read with the page's own token (as the page's Direct Line client does).</summary>
    private async Task<List<Activity>> LogAsync(IPage page)
    {
        var saved = await page.EvaluateAsync<string?>("() => sessionStorage.getItem('spasmbot:' + location.origin)");
        if (saved is null)
        {
            return [];
        }
        var connection = JsonDocument.Parse(saved).RootElement;
        using var http = new HttpClient();
        var request = new HttpRequestMessage(HttpMethod.Get,
            $"{connection.GetProperty("domain").GetString()}/conversations/{connection.GetProperty("conversationId").GetString()}/activities?watermark=");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", connection.GetProperty("token").GetString());
        var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<ActivitySetBody>(ProtocolJson.Options))!.Activities;
    }
}
