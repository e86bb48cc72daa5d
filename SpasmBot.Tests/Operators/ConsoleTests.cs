using System.Net;
using Microsoft.AspNetCore.Hosting;
using System.Text.Json;
using SpasmBot.Conversation;
using SpasmBot.Operators;
using SpasmBot.Tests.Transcripts;
using SpasmBot.Transcripts;

namespace SpasmBot.Tests.Operators;

public class ConsoleTests : IAsyncLifetime
{
    private readonly ConsoleFactory _factory = new();
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow.AddHours(-1);

    public async Task InitializeAsync()
    {
        await _factory.Store.WriteAsync(TestEvents.Turn("emergency-1", "I can't feel my legs and can't pee", Routes.Emergency, Now, tier: "Emergency", signals: "cauda-equina"));
        await _factory.Store.WriteAsync(TestEvents.Turn("answer-1", "what helps a back spasm?", Routes.Answer, Now.AddMinutes(1), faqId: "faq-heat", score: 0.8));
        await _factory.Store.WriteAsync(TestEvents.Turn("xss-1", "<script>document.title='pwned'</script><img src=x onerror=alert(1)>", Routes.NoAnswer, Now.AddMinutes(2)));
        await _factory.Store.WriteAsync(TestEvents.Turn("formula-1", "=HYPERLINK(\"http://evil\")", Routes.NoAnswer, Now.AddMinutes(3)));
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Pages_need_a_login()
    {
        var client = _factory.Client();
        var response = await client.GetAsync("/operators");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/operators/login", response.Headers.Location!.PathAndQuery);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/operators/export?format=csv")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsync("/operators/conversations/answer-1/reviewed", null)).StatusCode);
    }

    [Fact]
    public async Task The_list_filters_to_emergencies_and_the_view_shows_the_decision()
    {
        var client = await _factory.SignedInAsync("vera", OperatorRoles.Viewer);
        var all = await client.GetStringAsync("/operators");
        Assert.Contains("what helps a back spasm?", all);
        var emergencies = await client.GetStringAsync("/operators?outcome=emergency");
        Assert.Contains("I can&#x27;t feel my legs", emergencies);
        Assert.DoesNotContain("what helps a back spasm?", emergencies);

        var view = await client.GetStringAsync("/operators/conversations/emergency-1");
        Assert.Contains("<strong class=\"route\">emergency</strong>", view);
        Assert.Contains("cauda-equina", view);
        var answer = await client.GetStringAsync("/operators/conversations/answer-1");
        Assert.Contains("faq-heat", answer);
        Assert.Contains("score 0.800", answer);
        Assert.Contains("faq-runner-up", answer); // runners-up
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/operators?from=yesterday")).StatusCode);
    }

    [Fact]
    public async Task The_list_pages_with_an_older_link_until_every_conversation_was_shown()
    {
        await _factory.AddOperatorAsync("vera", OperatorRoles.Viewer);
        using var small = _factory.WithWebHostBuilder(b => b.UseSetting("Operators:PageSize", "3"));
        var client = small.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        await ConsoleFactory.PostFormAsync(client, "/operators/login", "/operators/login", new() { ["user"] = "vera", ["password"] = ConsoleFactory.Password });

        var first = await client.GetStringAsync("/operators?reviewed=no");
        var next = System.Text.RegularExpressions.Regex.Match(first, "rel=\"next\" href=\"([^\"]+)\"");
        Assert.True(next.Success);
        Assert.Equal(3, CountRows(first));
        var second = await client.GetStringAsync(WebUtility.HtmlDecode(next.Groups[1].Value));
        Assert.Equal(1, CountRows(second));
        Assert.Contains("I can&#x27;t feel my legs", second); // the oldest
        Assert.DoesNotContain("rel=\"next\"", second);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/operators?cursor=garbage")).StatusCode);

        static int CountRows(string html) => System.Text.RegularExpressions.Regex.Matches(html, "<tr><td><time").Count;
    }

    [Fact]
    public async Task Visitor_html_is_shown_as_text_under_a_strict_content_security_policy()
    {
        var client = await _factory.SignedInAsync("vera", OperatorRoles.Viewer);
        var response = await client.GetAsync("/operators/conversations/xss-1");
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>document", html);
        Assert.DoesNotContain("<img src=x", html);
        Assert.Contains("&lt;script&gt;", html);
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'none'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.DoesNotContain("<script", html); // the console has no script at all
    }

    [Fact]
    public async Task An_editor_marks_reviewed_tags_and_notes_and_every_action_is_audited()
    {
        var client = await _factory.SignedInAsync("eddie", OperatorRoles.Editor);
        var page = "/operators/conversations/answer-1";
        Assert.Equal(HttpStatusCode.Redirect, (await ConsoleFactory.PostFormAsync(client, page, page + "/reviewed", new() { ["reviewed"] = "true" })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await ConsoleFactory.PostFormAsync(client, page, page + "/tags", new() { ["tags"] = "Heat, follow-up" })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await ConsoleFactory.PostFormAsync(client, page, page + "/notes", new() { ["notes"] = "good answer" })).StatusCode);

        var summary = (await _factory.Store.GetAsync("answer-1"))!.Summary;
        Assert.True(summary.Reviewed);
        Assert.Equal(["follow-up", "heat"], summary.Tags);
        Assert.Equal("good answer", summary.Notes);
        Assert.Contains("answer-1", await client.GetStringAsync("/operators?reviewed=yes&tag=heat"));
        var audit = await _factory.Store.ListAuditAsync(null, 20);
        Assert.Contains(audit, a => a is { Actor: "eddie", Action: "mark-reviewed", Target: "answer-1" });
        Assert.Contains(audit, a => a is { Actor: "eddie", Action: "set-tags" });
        Assert.Contains(audit, a => a is { Actor: "eddie", Action: "login" });
        Assert.Contains(audit, a => a is { Actor: "eddie", Action: "view-conversation", Target: "answer-1" });
        Assert.Contains("mark-reviewed", await client.GetStringAsync("/operators/audit"));
    }

    [Fact]
    public async Task A_form_posted_without_the_anti_forgery_token_is_rejected()
    {
        var client = await _factory.SignedInAsync("eddie", OperatorRoles.Editor);
        var response = await client.PostAsync("/operators/conversations/answer-1/reviewed",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["reviewed"] = "true" }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False((await _factory.Store.GetAsync("answer-1"))!.Summary.Reviewed);
    }

    [Fact]
    public async Task A_viewer_sees_no_edit_buttons_and_a_forged_post_gets_403()
    {
        var client = await _factory.SignedInAsync("vera", OperatorRoles.Viewer);
        var page = "/operators/conversations/answer-1";
        var html = await client.GetStringAsync(page);
        Assert.DoesNotContain("Mark reviewed", html);
        Assert.DoesNotContain("Save tags", html);
        Assert.DoesNotContain("Delete this conversation", html);
        // A valid token from the viewer's own session does not help.
        var forged = await ConsoleFactory.PostFormAsync(client, "/operators", page + "/reviewed", new() { ["reviewed"] = "true" });
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.False((await _factory.Store.GetAsync("answer-1"))!.Summary.Reviewed);
        Assert.Equal(HttpStatusCode.Forbidden, (await ConsoleFactory.PostFormAsync(client, "/operators", page + "/delete", new())).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/operators/accounts")).StatusCode);
    }

    [Fact]
    public async Task Only_an_admin_deletes_and_the_deletion_leaves_an_audit_row()
    {
        var editor = await _factory.SignedInAsync("eddie", OperatorRoles.Editor);
        Assert.Equal(HttpStatusCode.Forbidden,
            (await ConsoleFactory.PostFormAsync(editor, "/operators", "/operators/conversations/answer-1/delete", new())).StatusCode);

        var admin = await _factory.SignedInAsync("ada", OperatorRoles.Admin);
        var user = (await _factory.Store.GetAsync("answer-1"))!.Summary.UserId;
        Assert.Equal(HttpStatusCode.OK, (await ConsoleFactory.PostFormAsync(admin, "/operators", "/operators/conversations/answer-1/delete", new())).StatusCode);
        Assert.Null(await _factory.Store.GetAsync("answer-1"));
        Assert.Contains(await _factory.Store.ListAuditAsync(null, 50), a => a is { Actor: "ada", Action: "delete-conversation", Target: "answer-1" });

        // Every conversation of one pseudonymous visitor (TestEvents uses one user for all).
        Assert.Equal(HttpStatusCode.OK, (await ConsoleFactory.PostFormAsync(admin, "/operators", $"/operators/users/{user}/delete", new())).StatusCode);
        Assert.Empty((await _factory.Store.ListAsync(new ConversationFilter(), null, 10)).Items);
    }

    [Fact]
    public async Task Five_failed_logins_lock_the_account()
    {
        await _factory.AddOperatorAsync("lou", OperatorRoles.Viewer);
        var client = _factory.Client();
        for (var i = 0; i < 5; i++)
        {
            var failed = await ConsoleFactory.PostFormAsync(client, "/operators/login", "/operators/login", new() { ["user"] = "lou", ["password"] = "wrong password" });
            Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
        }
        var locked = await ConsoleFactory.PostFormAsync(client, "/operators/login", "/operators/login", new() { ["user"] = "lou", ["password"] = ConsoleFactory.Password });
        Assert.Equal(HttpStatusCode.Unauthorized, locked.StatusCode);
        Assert.Contains("locked", await locked.Content.ReadAsStringAsync());
        Assert.Contains(await _factory.Store.ListAuditAsync(null, 20), a => a is { Action: "login-locked-out", Target: "lou" });
    }

    [Fact]
    public async Task Export_gives_the_filtered_conversations_as_csv_and_json()
    {
        var client = await _factory.SignedInAsync("vera", OperatorRoles.Viewer);
        var csv = await client.GetStringAsync("/operators/export?format=csv&outcome=unanswered");
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("conversation_id,channel,user_id", lines[0]);
        Assert.All(lines.Skip(1), l => Assert.True(l.StartsWith("xss-1,") || l.StartsWith("formula-1,"), l));
        Assert.Equal(6, lines.Length - 1); // two conversations, three logged activities each
        Assert.Contains("\"'=HYPERLINK(\"\"http://evil\"\")\"", csv); // a formula is defused

        using var json = JsonDocument.Parse(await client.GetStringAsync("/operators/export?format=json&outcome=emergency"));
        var conversation = Assert.Single(json.RootElement.EnumerateArray());
        Assert.Equal("emergency-1", conversation.GetProperty("conversationId").GetString());
        Assert.Equal("I can't feel my legs and can't pee", conversation.GetProperty("messages")[0].GetProperty("text").GetString());
        Assert.Contains(await _factory.Store.ListAuditAsync(null, 20), a => a is { Actor: "vera", Action: "export" });
    }

    [Fact]
    public async Task The_dashboard_draws_charts_and_groups_unanswered_questions()
    {
        await _factory.Store.WriteAsync(TestEvents.Turn("u1", "Can I swim with back spasms?", Routes.NoAnswer, Now));
        await _factory.Store.WriteAsync(TestEvents.Turn("u2", "can i swim with a back spasm", Routes.NoAnswer, Now));
        var client = await _factory.SignedInAsync("vera", OperatorRoles.Viewer);
        var html = await client.GetStringAsync("/operators/dashboard");
        Assert.Contains("<svg", html);
        Assert.Contains("Conversations per day", html);
        Assert.Contains("Answer rate: 20%", html); // 1 answered of 5 retrieval turns
        Assert.Contains("swim", html);
        var queue = await client.GetStringAsync("/operators/unanswered");
        Assert.Contains("asked 2×", queue);
        Assert.DoesNotContain("Attach as alternate", queue); // viewers cannot promote
    }

    [Fact]
    public async Task An_admin_manages_accounts_from_the_console()
    {
        var admin = await _factory.SignedInAsync("ada", OperatorRoles.Admin);
        var added = await ConsoleFactory.PostFormAsync(admin, "/operators/accounts", "/operators/accounts/add",
            new() { ["user"] = "newbie", ["role"] = OperatorRoles.Editor, ["password"] = "another long password" });
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Contains("newbie", await admin.GetStringAsync("/operators/accounts"));
        var weak = await ConsoleFactory.PostFormAsync(admin, "/operators/accounts", "/operators/accounts/add",
            new() { ["user"] = "weak", ["role"] = OperatorRoles.Editor, ["password"] = "short" });
        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        Assert.Contains(await _factory.Store.ListAuditAsync(null, 20), a => a is { Actor: "ada", Action: "account-save", Target: "newbie" });
    }
}
