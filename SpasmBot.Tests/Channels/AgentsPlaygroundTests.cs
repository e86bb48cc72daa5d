using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Net.Sockets;
using Microsoft.Playwright;

namespace SpasmBot.Tests.Channels;

/// <summary>
/// Microsoft 365 Agents Playground (npm, installed by test.sh in tools/agents-playground) emulates the Teams client and
/// its connector on localhost, offline and without a tenant. It posts Teams-shaped activities to /api/messages and
/// receives the bot's replies on its own serviceUrl; Chromium drives its web UI like a Teams user.
/// </summary>
[Collection("Browser")]
public sealed class AgentsPlaygroundTests : IAsyncLifetime
{
    private readonly WidgetTestBot _bot = new();
    private BrowserHost _host = null!;
    private Process? _playground;

    public async Task InitializeAsync()
    {
        _host = new BrowserHost(_bot);
        await _host.StartAsync();
    }

    [Fact]
    public async Task A_teams_user_in_the_playground_gets_the_bots_reply()
    {
        var port = FreePort();
        _playground = StartPlayground($"{_host.BaseUrl}/api/messages", port);
        var page = await (await _host.Browser.NewContextAsync()).NewPageAsync();
        page.SetDefaultTimeout(60_000);
        await WaitUntilServingAsync(page, $"http://127.0.0.1:{port}/");

        await SayAsync(page, "hello from teams");
        await page.GetByText("You said: hello from teams").First.WaitForAsync();
        await BrowserHost.ScreenshotAsync(page, "agents-playground-teams");

        var message = _bot.Received.Last(a => a.Type == "message");
        Assert.Equal("msteams", message.ChannelId);
        Assert.Equal("hello from teams", message.Text);
        Assert.StartsWith($"http://localhost:{port}", message.ServiceUrl, StringComparison.OrdinalIgnoreCase);
        // Opening the personal chat installs the app first: the install event the welcome hangs on reached the bot.
        Assert.Contains(_bot.Received, a => a.Type == "installationUpdate" && a.Action == "add");
    }

    /// <summary>The compose box is a rich-text editor (contenteditable): typed into like a person would.</summary>
    internal static async Task SayAsync(IPage page, string text)
    {
        var box = page.Locator("[contenteditable='true'][role='textbox']").First;
        // On a busy machine the editor can drop keys typed before it is ready, or ignore Enter: type again
        // while the box is empty, press Enter until it empties after holding the text.
        for (var attempt = 0; attempt < 40; attempt++)
        {
            await box.ClickAsync();
            if ((await box.InnerTextAsync()).Trim().Length == 0)
            {
                await page.Keyboard.TypeAsync(text);
                await page.WaitForTimeoutAsync(250);
                if ((await box.InnerTextAsync()).Trim().Length == 0)
                {
                    continue;
                }
            }
            await page.Keyboard.PressAsync("Enter");
            await page.WaitForTimeoutAsync(500);
            if ((await box.InnerTextAsync()).Trim().Length == 0)
            {
                return;
            }
        }
        throw new TimeoutException($"The playground never sent \"{text}\".");
    }

    internal static Process StartPlayground(string endpoint, int port)
    {
        var folder = Path.Combine(RepoRoot(), "tools", "agents-playground");
        var cli = Path.Combine(folder, "node_modules", "@microsoft", "m365agentsplayground", "cli.js");
        Assert.True(File.Exists(cli), "Agents Playground is not installed: run `npm ci` in tools/agents-playground (test.sh does).");
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { cli, "-e", endpoint, "-c", "msteams", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--disable-telemetry" })
        {
            start.ArgumentList.Add(arg);
        }
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    internal static async Task WaitUntilServingAsync(IPage page, string url)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await page.GotoAsync(url);
                return;
            }
            catch (PlaywrightException) when (attempt < 40)
            {
                await Task.Delay(250);
            }
        }
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    internal static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (Directory.Exists(Path.Combine(dir.FullName, "tools", "agents-playground")))
            {
                return dir.FullName;
            }
        }
        throw new DirectoryNotFoundException("tools/agents-playground");
    }

    public async Task DisposeAsync()
    {
        if (_playground is { HasExited: false })
        {
            _playground.Kill(entireProcessTree: true);
            await _playground.WaitForExitAsync();
        }
        _playground?.Dispose();
        await _host.DisposeAsync();
    }
}

/// <summary>Records what every turn receives and sends, around the real bot.</summary>
internal sealed class RecordingMiddleware : SpasmBot.Protocol.IMiddleware
{
    public List<SpasmBot.Protocol.Activity> Inbound { get; } = [];
    public List<(SpasmBot.Protocol.Activity Inbound, SpasmBot.Protocol.Activity Reply)> Outbound { get; } = [];

    public Task OnTurnAsync(SpasmBot.Protocol.ITurnContext turnContext, Func<CancellationToken, Task> next, CancellationToken cancellationToken)
    {
        lock (Inbound)
        {
            Inbound.Add(turnContext.Activity);
        }
        turnContext.OnSendActivities(async (context, activities, send) =>
        {
            lock (Inbound)
            {
                Outbound.AddRange(activities.Select(a => (context.Activity, a)));
            }
            return await send();
        });
        return next(cancellationToken);
    }
}

/// <summary>
/// NEEDS THE MERGED CONVERSATION: the real SpasmBot in the Teams emulator. A Teams user is welcomed on install, asks,
/// gets an answer card with its source, and "Not helpful" on the card comes back as a card submit and is acknowledged.
/// </summary>
[Collection("Browser")]
[Trait("Category", "ConversationBrowser")]
public sealed class AgentsPlaygroundConversationTests : IAsyncLifetime
{
    private readonly RecordingMiddleware _turns = new();
    private BrowserHost _host = null!;
    private Process? _playground;

    public async Task InitializeAsync()
    {
        _host = new BrowserHost(bot: null, services => services.AddSingleton<SpasmBot.Protocol.IMiddleware>(_turns));
        await _host.StartAsync();
    }

    [Fact]
    public async Task A_teams_user_is_welcomed_gets_a_sourced_answer_card_and_card_feedback_round_trips()
    {
        var port = AgentsPlaygroundTests.FreePort();
        _playground = AgentsPlaygroundTests.StartPlayground($"{_host.BaseUrl}/api/messages", port);
        var page = await (await _host.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } })).NewPageAsync();
        page.SetDefaultTimeout(60_000);
        await AgentsPlaygroundTests.WaitUntilServingAsync(page, $"http://127.0.0.1:{port}/");

        await WaitForAsync(() => _turns.Outbound.Any(o => o.Inbound.Type is "conversationUpdate" or "installationUpdate" && o.Reply.Type == "message"),
            "a welcome when the app is installed");

        await AgentsPlaygroundTests.SayAsync(page, "Is heat or ice better for a back spasm?");
        await page.GetByText("Source:").First.WaitForAsync();
        await BrowserHost.ScreenshotAsync(page, "agents-playground-answer-card");

        var repliesBefore = _turns.Outbound.Count;
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Not helpful", Exact = true }).Last.ClickAsync();
        await WaitForAsync(() => _turns.Inbound.Any(a => a.Type == "message" && a.Value is JsonElement { ValueKind: JsonValueKind.Object }),
            "the card submit");
        var submit = _turns.Inbound.Last(a => a.Type == "message" && a.Value is JsonElement);
        Assert.Equal("msteams", submit.ChannelId);
        Assert.False(((JsonElement)submit.Value!).GetProperty("helpful").GetBoolean());
        await WaitForAsync(() => _turns.Outbound.Skip(repliesBefore).Any(o => ReferenceEquals(o.Inbound, submit) && o.Reply.Type == "message"),
            "an acknowledgement of the feedback");
        await BrowserHost.ScreenshotAsync(page, "agents-playground-feedback");
    }

    private static async Task WaitForAsync(Func<bool> condition, string what)
    {
        for (var i = 0; i < 120 && !condition(); i++)
        {
            await Task.Delay(500);
        }
        Assert.True(condition(), "timed out waiting for " + what);
    }

    public async Task DisposeAsync()
    {
        if (_playground is { HasExited: false })
        {
            _playground.Kill(entireProcessTree: true);
            await _playground.WaitForExitAsync();
        }
        _playground?.Dispose();
        await _host.DisposeAsync();
    }
}
