using Microsoft.Playwright;

namespace SpasmBot.Tests.Channels;

[CollectionDefinition("Browser", DisableParallelization = true)]
public class BrowserCollection;

/// <summary>
/// The widget in a real browser against the embedded Direct Line, with a stand-in bot: what a visitor sees of the
/// transport (welcome, echo, cards and their buttons, reload, isolation). Screenshots: bin/.../artifacts/screenshots.
/// </summary>
[Collection("Browser")]
public sealed class WidgetBrowserTests : IAsyncLifetime
{
    private readonly WidgetTestBot _bot = new();
    private BrowserHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = new BrowserHost(_bot);
        await _host.StartAsync();
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task The_button_opens_a_chat_with_the_not_a_doctor_notice_and_the_bot_answers()
    {
        var page = await _host.NewVisitorAsync();
        await BrowserHost.OpenChatAsync(page);
        Assert.Contains("not a doctor", await page.Locator(".spasmbot-notice").InnerTextAsync());
        await BrowserHost.SeesAsync(page, "Welcome! I am not a doctor.");

        await BrowserHost.SendAsync(page, "hello there");
        await BrowserHost.SeesAsync(page, "You said: hello there");
        await BrowserHost.ScreenshotAsync(page, "widget-welcome-and-answer");
    }

    [Fact]
    public async Task An_adaptive_card_renders_with_its_source_and_its_button_posts_back_to_the_bot()
    {
        var page = await _host.NewVisitorAsync();
        await BrowserHost.OpenChatAsync(page);
        await BrowserHost.SendAsync(page, "card please");
        await BrowserHost.SeesAsync(page, "Source: test leaflet");

        await BrowserHost.ClickCardButtonAsync(page, "Not helpful");
        await BrowserHost.SeesAsync(page, "Got your feedback:");
        var submit = _bot.Received.Last(a => a.Type == "message");
        var value = Assert.IsType<System.Text.Json.JsonElement>(submit.Value);
        Assert.False(value.GetProperty("helpful").GetBoolean());
        Assert.Equal("f1", value.GetProperty("faqId").GetString());
        await BrowserHost.ScreenshotAsync(page, "widget-card-feedback");
    }

    [Fact]
    public async Task Reloading_the_page_keeps_the_conversation()
    {
        var page = await _host.NewVisitorAsync();
        await BrowserHost.OpenChatAsync(page);
        await BrowserHost.SendAsync(page, "remember this");
        await BrowserHost.SeesAsync(page, "You said: remember this");

        await page.ReloadAsync();
        // The chat reopens by itself and replays the conversation.
        await BrowserHost.SeesAsync(page, "You said: remember this");
        await BrowserHost.SendAsync(page, "still the same chat?");
        await BrowserHost.SeesAsync(page, "You said: still the same chat?");
        await BrowserHost.ScreenshotAsync(page, "widget-after-reload");

        var conversations = _bot.Received.Where(a => a.Type == "message").Select(a => a.Conversation!.Id).Distinct();
        Assert.Single(conversations);
    }

    [Fact]
    public async Task Two_visitors_never_see_each_others_messages()
    {
        var alice = await _host.NewVisitorAsync();
        var bob = await _host.NewVisitorAsync();
        await BrowserHost.OpenChatAsync(alice);
        await BrowserHost.OpenChatAsync(bob);

        await BrowserHost.SendAsync(alice, "alice asks about sciatica");
        await BrowserHost.SendAsync(bob, "bob asks about ibuprofen");
        await BrowserHost.SeesAsync(alice, "You said: alice asks about sciatica");
        await BrowserHost.SeesAsync(bob, "You said: bob asks about ibuprofen");

        var aliceSees = await BrowserHost.TranscriptAsync(alice);
        var bobSees = await BrowserHost.TranscriptAsync(bob);
        Assert.DoesNotContain("bob asks", aliceSees);
        Assert.DoesNotContain("alice asks", bobSees);
        await BrowserHost.ScreenshotAsync(alice, "widget-visitor-alice");
        await BrowserHost.ScreenshotAsync(bob, "widget-visitor-bob");
    }
}
