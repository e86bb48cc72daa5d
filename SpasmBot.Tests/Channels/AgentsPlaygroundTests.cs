using System.Diagnostics;
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
        page.SetDefaultTimeout(30_000);
        await WaitUntilServingAsync(page, $"http://127.0.0.1:{port}/");

        // The compose box is a rich-text editor (contenteditable), typed into like a person would.
        await page.Locator("[contenteditable='true'][role='textbox']").First.ClickAsync();
        await page.Keyboard.TypeAsync("hello from teams");
        await page.Keyboard.PressAsync("Enter");
        await page.GetByText("You said: hello from teams").First.WaitForAsync();
        await BrowserHost.ScreenshotAsync(page, "agents-playground-teams");

        var message = _bot.Received.Last(a => a.Type == "message");
        Assert.Equal("msteams", message.ChannelId);
        Assert.Equal("hello from teams", message.Text);
        Assert.StartsWith($"http://localhost:{port}", message.ServiceUrl, StringComparison.OrdinalIgnoreCase);
        // Opening the personal chat installs the app first: the install event the welcome hangs on reached the bot.
        Assert.Contains(_bot.Received, a => a.Type == "installationUpdate" && a.Action == "add");
    }

    private static Process StartPlayground(string endpoint, int port)
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

    private static async Task WaitUntilServingAsync(IPage page, string url)
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

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string RepoRoot()
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
