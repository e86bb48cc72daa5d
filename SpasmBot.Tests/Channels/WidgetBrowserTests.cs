using Microsoft.AspNetCore.Hosting;
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

/// <summary>The one-tag snippet on somebody else's site (another origin), with theme options.</summary>
[Collection("Browser")]
public sealed class EmbedSnippetBrowserTests : IAsyncLifetime
{
    private BrowserHost _host = null!;
    private Microsoft.AspNetCore.Builder.WebApplication _clinic = null!;
    private Microsoft.AspNetCore.Builder.WebApplication _elsewhere = null!;
    private string _clinicUrl = "";
    private string _elsewhereUrl = "";

    public async Task InitializeAsync()
    {
        // Two other sites, each its own origin on loopback (a public test page could not call a loopback bot at all:
        // browsers guard the local network). Only the clinic is allowed to embed the widget.
        (_clinic, _clinicUrl) = await StartSiteAsync(() => $$"""
            <!doctype html><html><head><title>Clinic</title></head><body><h1>Back clinic</h1>
            <script src="{{_host.BaseUrl}}/embed.js" data-title="Clinic helper" data-accent="rgb(128, 0, 128)"
                    data-position="left" data-button-label="Chat with us"></script></body></html>
            """);
        (_elsewhere, _elsewhereUrl) = await StartSiteAsync(() => $"<!doctype html><html><body><script src=\"{_host.BaseUrl}/embed.js\"></script></body></html>");
        _host = new BrowserHost(new WidgetTestBot(), settings: new Dictionary<string, string?> { ["DirectLine:AllowedOrigins:0"] = _clinicUrl });
        await _host.StartAsync();
    }

    private static async Task<(Microsoft.AspNetCore.Builder.WebApplication, string)> StartSiteAsync(Func<string> page)
    {
        var builder = Microsoft.AspNetCore.Builder.WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(System.Net.IPAddress.Loopback, 0));
        var site = builder.Build();
        Microsoft.AspNetCore.Builder.EndpointRouteBuilderExtensions.MapGet(site, "/", () => Microsoft.AspNetCore.Http.Results.Content(page(), "text/html"));
        await site.StartAsync();
        return (site, site.Urls.First().TrimEnd('/'));
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _clinic.DisposeAsync();
        await _elsewhere.DisposeAsync();
    }

    [Fact]
    public async Task One_script_tag_on_another_site_adds_a_themed_chat_that_works()
    {
        var page = await (await _host.Browser.NewContextAsync()).NewPageAsync();
        page.SetDefaultTimeout(30_000);
        await page.GotoAsync(_clinicUrl + "/");

        var launcher = page.Locator("#spasmbot-launcher");
        Assert.Equal("Chat with us", await launcher.InnerTextAsync());
        Assert.Equal("rgb(128, 0, 128)", await launcher.EvaluateAsync<string>("b => getComputedStyle(b).backgroundColor"));
        Assert.True(await launcher.EvaluateAsync<bool>("b => b.getBoundingClientRect().left < 100"), "data-position=left puts the button on the left");

        await BrowserHost.OpenChatAsync(page);
        Assert.Equal("Clinic helper", await page.Locator(".spasmbot-header h2").InnerTextAsync());
        Assert.Contains("Clinic helper is not a doctor", await page.Locator(".spasmbot-notice").InnerTextAsync());
        await BrowserHost.SendAsync(page, "hello from the clinic site");
        await BrowserHost.SeesAsync(page, "You said: hello from the clinic site");
        await BrowserHost.ScreenshotAsync(page, "embed-on-another-site");
    }

    [Fact]
    public async Task A_site_that_is_not_allowed_cannot_start_a_chat()
    {
        var page = await (await _host.Browser.NewContextAsync()).NewPageAsync();
        page.SetDefaultTimeout(30_000);
        await page.GotoAsync(_elsewhereUrl + "/");
        await page.ClickAsync("#spasmbot-launcher");
        await page.Locator(".spasmbot-chat [role='alert']", new PageLocatorOptions { HasText = "could not start" }).WaitForAsync();
    }
}
