using System.Net;
using SpasmBot.Tests.Operators;

namespace SpasmBot.Tests.Proof;

/// <summary>
/// Every operator route, not a sample: without a session, with a forged cookie, with a role too low, and forms posted
/// cross-site without the anti-forgery token. (Operators/ConsoleTests checks the same rules on single routes.)
/// </summary>
[Trait("Category", "Proof")]
[Trait("Proof", "Security")]
public sealed class ConsoleSecurityTests(ProofHost host) : IClassFixture<ProofHost>
{
    private static readonly string[] ViewerPages =
        ["/operators", "/operators/conversations/any-id", "/operators/dashboard", "/operators/unanswered", "/operators/export?format=json", "/operators/audit"];

    private static readonly string[] EditorForms =
        ["/operators/conversations/any-id/reviewed", "/operators/conversations/any-id/tags", "/operators/conversations/any-id/notes",
         "/operators/unanswered/attach", "/operators/unanswered/draft"];

    private static readonly string[] AdminForms =
        ["/operators/conversations/any-id/delete", "/operators/users/any-user/delete", "/operators/accounts/add", "/operators/accounts/remove"];

    public static TheoryData<string> Pages() => [.. ViewerPages, "/operators/accounts"];

    public static TheoryData<string> AllForms() => [.. EditorForms, .. AdminForms, "/operators/logout"];

    public static TheoryData<string> EditorAndAdminForms() => [.. EditorForms, .. AdminForms];

    public static TheoryData<string> Forms() => [.. EditorForms];

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Without_a_session_every_page_redirects_to_the_login(string page)
    {
        var response = await host.Factory.Client().GetAsync(page);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/operators/login", response.Headers.Location!.OriginalString.Replace("http://localhost", ""));
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task A_forged_session_cookie_is_treated_as_no_session(string page)
    {
        var client = host.Factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        var request = new HttpRequestMessage(HttpMethod.Get, page);
        request.Headers.Add("Cookie", "spasmbot.operators=CfDJ8forged" + new string('A', 200));

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(AllForms))]
    public async Task Without_a_session_every_form_post_gets_401(string form)
    {
        var response = await host.Factory.Client().PostAsync(form, new FormUrlEncodedContent(new Dictionary<string, string> { ["tags"] = "x" }));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(EditorAndAdminForms))]
    public async Task A_viewer_gets_403_on_every_editor_and_admin_action(string form)
    {
        using var viewer = await host.Factory.SignedInAsync("viewer-" + Guid.NewGuid().ToString("N")[..8], "viewer");

        // A genuine anti-forgery token, so only the role can be what refuses it.
        var response = await ConsoleFactory.PostFormAsync(viewer, "/operators", form, new() { ["tags"] = "x", ["user"] = "someone", ["role"] = "admin", ["password"] = "long enough password" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.GetAsync("/operators/accounts")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public async Task An_editor_form_posted_cross_site_without_the_anti_forgery_token_gets_400(string form)
    {
        using var editor = await host.Factory.SignedInAsync("editor-" + Guid.NewGuid().ToString("N")[..8], "editor");

        var withoutToken = await editor.PostAsync(form, new FormUrlEncodedContent(new Dictionary<string, string> { ["tags"] = "x", ["reviewed"] = "true" }));
        using var other = await host.Factory.SignedInAsync("other-" + Guid.NewGuid().ToString("N")[..8], "editor");
        var otherPage = await other.GetStringAsync("/operators");
        var foreignToken = System.Text.RegularExpressions.Regex.Match(otherPage, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        var withForeignToken = await editor.PostAsync(form, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["tags"] = "x", ["__RequestVerificationToken"] = WebUtility.HtmlDecode(foreignToken),
        }));

        Assert.Equal(HttpStatusCode.BadRequest, withoutToken.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, withForeignToken.StatusCode);
    }

    [Fact]
    public async Task An_editor_gets_403_on_admin_actions()
    {
        using var editor = await host.Factory.SignedInAsync("editor-" + Guid.NewGuid().ToString("N")[..8], "editor");

        foreach (var form in AdminForms)
        {
            var response = await ConsoleFactory.PostFormAsync(editor, "/operators", form, new() { ["user"] = "someone", ["role"] = "admin", ["password"] = "long enough password" });
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{form}: {(int)response.StatusCode}");
        }
    }

    [Theory]
    [InlineData("https://evil.example/phish")]
    [InlineData("//evil.example/phish")]
    [InlineData("/\\evil.example")]
    [InlineData("/operators\r\nSet-Cookie: injected=1")]
    [InlineData("/operators/%0d%0aSet-Cookie:%20injected=1")]
    public async Task The_login_never_redirects_off_site_or_injects_headers(string returnUrl)
    {
        var user = "login-" + Guid.NewGuid().ToString("N")[..8];
        await host.Factory.AddOperatorAsync(user, "viewer");
        var client = host.Factory.Client();

        var response = await ConsoleFactory.PostFormAsync(client, "/operators/login", "/operators/login",
            new() { ["user"] = user, ["password"] = ConsoleFactory.Password, ["returnUrl"] = returnUrl });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith("/operators", location);
        Assert.DoesNotContain("evil.example", location);
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.Contains("injected")));
    }
}
