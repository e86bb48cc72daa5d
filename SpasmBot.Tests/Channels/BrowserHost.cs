using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SpasmBot.Protocol;

namespace SpasmBot.Tests.Channels;

/// <summary>
/// The real bot on a free loopback port (Kestrel), and Debian's Chromium driven by Playwright. Browsers are never
/// downloaded: test.sh installs the chromium package where /usr/bin/chromium is missing.
/// </summary>
public sealed class BrowserHost : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly WebApplicationFactory<Program> _factory;
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;
    public string BaseUrl { get; private set; } = "";
    public IServiceProvider Services => _factory.Services;

    /// <param name="bot">A stand-in bot, or null for the real conversation.</param>
    /// <param name="services">Extra test services, e.g. a recording middleware.</param>
    /// <param name="settings">Configuration overrides, e.g. DirectLine:AllowedOrigins.</param>
    public BrowserHost(IBot? bot, Action<IServiceCollection>? services = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("MicrosoftAppId", "");
            foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            {
                builder.UseSetting(key, value);
            }
            if (bot is not null)
            {
                builder.UseDefaultServiceProvider(o => o.ValidateOnBuild = false);
                builder.ConfigureTestServices(s => s.AddSingleton(bot));
            }
            if (services is not null)
            {
                builder.ConfigureTestServices(services);
            }
        });
        _factory.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
    }

    public async Task StartAsync()
    {
        _factory.StartServer();
        var addresses = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseUrl = addresses.First().Replace("[::1]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/');
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>A visitor: a fresh browser context (own cookies and sessionStorage) on the demo page.</summary>
    public async Task<IPage> NewVisitorAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1100, Height = 800 } });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        await page.GotoAsync(BaseUrl + "/");
        return page;
    }

    public static async Task OpenChatAsync(IPage page)
    {
        await page.ClickAsync("#spasmbot-launcher");
        await page.WaitForSelectorAsync(".spasmbot-chat .webchat__send-box-text-box__input, .spasmbot-chat [data-id='webchat-sendbox-input']");
    }

    public static async Task SendAsync(IPage page, string text)
    {
        var box = page.Locator(".spasmbot-chat .webchat__send-box-text-box__input, .spasmbot-chat [data-id='webchat-sendbox-input']").First;
        await box.FillAsync(text);
        // Web Chat keeps the text in the box while its Direct Line connection is still coming up (slow on a
        // busy machine): press Enter again until the box empties, i.e. the message was really sent.
        for (var attempt = 0; attempt < 40; attempt++)
        {
            await box.PressAsync("Enter");
            await page.WaitForTimeoutAsync(250);
            if ((await box.InputValueAsync()).Length == 0)
            {
                return;
            }
        }
        throw new TimeoutException($"Web Chat never sent \"{text}\".");
    }

    /// <summary>Waits until a bubble in the transcript shows the text.</summary>
    public static Task SeesAsync(IPage page, string text)
        => page.Locator(".spasmbot-chat .webchat__bubble__content", new PageLocatorOptions { HasText = text }).First.WaitForAsync();

    /// <summary>Clicks the newest Adaptive Card button with exactly this title.</summary>
    public static Task ClickCardButtonAsync(IPage page, string title)
        => page.Locator($".spasmbot-chat .ac-pushButton[aria-label=\"{title}\"]").Last.ClickAsync();

    /// <summary>The visible text of the transcript.</summary>
    public static Task<string> TranscriptAsync(IPage page) => page.Locator(".spasmbot-chat [role='log'], .spasmbot-chat .webchat__basic-transcript").First.InnerTextAsync();

    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "artifacts", "screenshots");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png") });
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }
        _playwright?.Dispose();
        await _factory.DisposeAsync();
    }
}
