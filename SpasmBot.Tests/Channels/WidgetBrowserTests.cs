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
}
