using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SpasmBot.Conversation;
using SpasmBot.Operators;
using SpasmBot.Tests.Transcripts;
using SpasmBot.Transcripts;

namespace SpasmBot.Tests.Operators;

/// <summary>
/// The console in a real browser: Debian's chromium driven by Playwright (never a downloaded browser) against the
/// host on Kestrel. Transcripts are seeded through the store. Screenshots go to artifacts/playwright/.
/// </summary>
public class ConsoleBrowserTests : IAsyncLifetime
{
    private const string Chromium = "/usr/bin/chromium";
    private static readonly string[] ChromiumArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    ];
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow.AddMinutes(-30);

    private readonly ConsoleFactory _factory = new(kestrel: true);
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;
    private Uri _server = null!;

    public async Task InitializeAsync()
    {
        _server = _factory.ServerAddress;
        await _factory.Store.WriteAsync(TestEvents.Turn("conv-emergency", "sudden numbness in my groin and I can't pee", Routes.Emergency, Now,
            tier: "Emergency", signals: "cauda-equina", botText: "Call 911 now or go to the nearest emergency department."));
        await _factory.Store.WriteAsync(TestEvents.Turn("conv-answer", "what helps a back spasm?", Routes.Answer, Now.AddMinutes(1), faqId: "faq-heat", score: 0.8));
        await _factory.Store.WriteAsync(TestEvents.Turn("conv-xss",
            "<script>document.title='pwned';window.pwned=true</script><img src=x onerror=\"window.pwned=true\">", Routes.NoAnswer, Now.AddMinutes(2)));
        await _factory.AddOperatorAsync("eddie", OperatorRoles.Editor);
        await _factory.AddOperatorAsync("vera", OperatorRoles.Viewer);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Headless = true, Args = ChromiumArgs });
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await _factory.DisposeAsync();
    }

    private async Task<IPage> SignInAsync(string user)
    {
        var context = await _browser.NewContextAsync(new() { BaseURL = _server.ToString().TrimEnd('/'), AcceptDownloads = true });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/operators");
        Assert.Contains("/operators/login", page.Url);
        await page.GetByLabel("User name").FillAsync(user);
        await page.GetByLabel("Password").FillAsync(ConsoleFactory.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/operators$"));
        return page;
    }

    private static async Task ScreenshotAsync(IPage page, string name)
    {
        var directory = Path.Combine(RepositoryRoot(), "artifacts", "playwright");
        Directory.CreateDirectory(directory);
        await page.ScreenshotAsync(new() { Path = Path.Combine(directory, name + ".png"), FullPage = true });
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SpasmBot.sln")))
            {
                return dir.FullName;
            }
        }
        return Path.GetTempPath();
    }

    [Fact]
    public async Task An_editor_filters_to_emergencies_opens_one_marks_it_reviewed_and_exports()
    {
        var page = await SignInAsync("eddie");
        await page.GetByLabel("Outcome").SelectOptionAsync("emergency");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("outcome=emergency"));
        var rows = page.Locator("table.conversations tbody tr");
        Assert.Equal(1, await rows.CountAsync());
        await ScreenshotAsync(page, "1-emergencies");

        await page.GetByRole(AriaRole.Link, new() { Name = "sudden numbness in my groin" }).ClickAsync();
        await Assertions.Expect(page.Locator("strong.route")).ToHaveTextAsync("emergency");
        await Assertions.Expect(page.Locator(".decision")).ToContainTextAsync("cauda-equina");
        await page.GetByRole(AriaRole.Button, new() { Name = "Mark reviewed" }).ClickAsync();
        await Assertions.Expect(page.Locator("dd.reviewed")).ToHaveTextAsync("yes");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Mark not reviewed" })).ToBeVisibleAsync();
        await ScreenshotAsync(page, "2-reviewed");
        Assert.True((await _factory.Store.GetAsync("conv-emergency"))!.Summary.Reviewed);

        await page.GotoAsync("/operators?outcome=emergency&reviewed=yes");
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "CSV" }).ClickAsync());
        var csv = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.Contains("conv-emergency,webchat", csv);
        Assert.DoesNotContain("conv-answer", csv);

        await page.GetByRole(AriaRole.Link, new() { Name = "Dashboard" }).ClickAsync();
        await Assertions.Expect(page.Locator("svg.chart").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("figure").Filter(new() { HasText = "Escalations per day" }).Locator("rect.escalation")).ToHaveCountAsync(1);
        await ScreenshotAsync(page, "6-dashboard");
    }

    [Fact]
    public async Task A_script_in_a_visitor_message_renders_as_inert_text()
    {
        var page = await SignInAsync("vera");
        var errors = new List<string>();
        page.Console += (_, message) => errors.Add(message.Text);
        await page.GotoAsync("/operators/conversations/conv-xss");
        await Assertions.Expect(page.Locator(".chat .visitor .text")).ToContainTextAsync("<script>document.title='pwned'");
        Assert.Null(await page.EvaluateAsync<bool?>("() => window.pwned ?? null"));
        Assert.NotEqual("pwned", await page.TitleAsync());
        Assert.Equal(0, await page.Locator(".chat img").CountAsync());
        await ScreenshotAsync(page, "3-script-inert");
    }

    [Fact]
    public async Task A_viewer_has_no_edit_buttons_and_a_forged_post_is_refused()
    {
        var page = await SignInAsync("vera");
        await page.GotoAsync("/operators/conversations/conv-answer");
        await Assertions.Expect(page.Locator(".chat")).ToBeVisibleAsync();
        Assert.Equal(0, await page.GetByRole(AriaRole.Button, new() { Name = "Mark reviewed" }).CountAsync());
        Assert.Equal(0, await page.GetByRole(AriaRole.Button, new() { Name = "Save tags" }).CountAsync());
        await ScreenshotAsync(page, "4-viewer");

        // The viewer builds the editor's form by hand, with a valid token from their own session.
        var token = await page.Locator("input[name=__RequestVerificationToken]").First.GetAttributeAsync("value");
        var response = await page.RunAndWaitForResponseAsync(() => page.EvaluateAsync(
            """
            token => {
                const form = document.createElement('form');
                form.method = 'post';
                form.action = '/operators/conversations/conv-answer/reviewed';
                for (const [name, value] of [['__RequestVerificationToken', token], ['reviewed', 'true']]) {
                    const input = document.createElement('input');
                    input.type = 'hidden'; input.name = name; input.value = value;
                    form.appendChild(input);
                }
                document.body.appendChild(form);
                form.submit();
            }
            """, token), r => r.Url.EndsWith("/reviewed"));
        Assert.Equal(403, response.Status);
        Assert.False((await _factory.Store.GetAsync("conv-answer"))!.Summary.Reviewed);
    }

    [Fact]
    public async Task An_editor_promotes_an_unanswered_question_and_the_bot_then_answers_it()
    {
        const string question = "Is it safe to play the bagpipes with a back spasm?";
        using var bot = new HttpClient { BaseAddress = _server };
        await _factory.AskBotAsync(bot, "visitor-bagpipes", question);
        await ConsoleFactory.EventuallyAsync(async () =>
            (await _factory.Store.ListAsync(new ConversationFilter { Outcome = Outcomes.Unanswered, Search = "bagpipes" }, null, 10)).Items.FirstOrDefault());

        var page = await SignInAsync("eddie");
        await page.GetByRole(AriaRole.Link, new() { Name = "Unanswered" }).ClickAsync();
        var item = page.Locator(".queue > li").Filter(new() { HasText = "bagpipes" });
        await Assertions.Expect(item).ToBeVisibleAsync();
        await item.Locator("form.draft textarea[name=answer]").FillAsync(
            "Wind instruments need steady breathing and posture; wait until the spasm settles and stop if pain grows.");
        await item.GetByRole(AriaRole.Button, new() { Name = "Add new entry" }).ClickAsync();
        await Assertions.Expect(page.Locator(".notice")).ToContainTextAsync("the index was rebuilt");
        await Assertions.Expect(page.Locator(".queue > li").Filter(new() { HasText = "bagpipes" })).ToContainTextAsync("now answered by");
        await ScreenshotAsync(page, "5-promoted");

        var replies = await _factory.AskBotAsync(bot, "visitor-bagpipes-2", question);
        Assert.Contains(replies, r => r.Contains("Wind instruments need steady breathing"));
    }
}
