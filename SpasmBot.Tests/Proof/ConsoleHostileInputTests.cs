using System.Net;

namespace SpasmBot.Tests.Proof;

/// <summary>
/// Hostile text in the console's sign-in form, filters, search and routes: never a 5xx, never an unencoded echo,
/// never a way around the parameterised queries.
/// </summary>
[Trait("Category", "Proof")]
[Trait("Proof", "Hostile input")]
public sealed class ConsoleHostileInputTests(ProofHost host) : IClassFixture<ProofHost>
{
    public static TheoryData<string> Searches() =>
    [
        "\" OR 1=1 --", "' OR '1'='1", "NEAR(", "*", "^", "col:x", "\"unbalanced", "<script>alert(1)</script>", "%", "_",
        "\u202E\u200B", new string('x', 10_000),
    ];

    [Theory]
    [MemberData(nameof(Searches))]
    public async Task A_hostile_search_is_a_normal_search(string q)
    {
        using var viewer = await host.Factory.SignedInAsync("search-" + Guid.NewGuid().ToString("N")[..8], "viewer");
        var marker = ProofHost.NewConversationId("search");
        await ProofHost.RepliesAsync(await host.PostAsync(ProofHost.Message(marker, "a perfectly ordinary question about heat")));

        var page = await viewer.GetAsync("/operators?q=" + Uri.EscapeDataString(q));
        var export = await viewer.GetAsync("/operators/export?format=csv&q=" + Uri.EscapeDataString(q));

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>alert", html);
        // "OR 1=1" must not turn the search into "everything": the marker conversation does not match these texts.
        Assert.DoesNotContain(marker, html);
    }

    [Theory]
    [InlineData("from=not-a-date")]
    [InlineData("to=9999-99-99")]
    [InlineData("outcome=bogus")]
    [InlineData("reviewed=maybe")]
    [InlineData("cursor=garbage")]
    [InlineData("cursor=%00%01%02")]
    [InlineData("channel=%3Cscript%3Ealert(1)%3C%2Fscript%3E")]
    [InlineData("tag=%22%20OR%201%3D1%20--")]
    [InlineData("user=%27%3B%20DROP%20TABLE%20messages%3B%20--")]
    public async Task A_bad_filter_gets_a_clear_answer_not_an_error_page(string query)
    {
        using var viewer = await host.Factory.SignedInAsync("filter-" + Guid.NewGuid().ToString("N")[..8], "viewer");

        var response = await viewer.GetAsync("/operators?" + query);

        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"status {(int)response.StatusCode}");
        Assert.DoesNotContain("<script>alert", await response.Content.ReadAsStringAsync());
        await host.AssertStillServingAsync();
    }

    [Theory]
    [InlineData("%3Cscript%3Ealert(1)%3C%2Fscript%3E")]
    [InlineData("..%2F..%2Fetc%2Fpasswd")]
    [InlineData("%27%20OR%20%271%27%3D%271")]
    public async Task A_hostile_conversation_id_is_not_found(string id)
    {
        using var viewer = await host.Factory.SignedInAsync("id-" + Guid.NewGuid().ToString("N")[..8], "viewer");

        var response = await viewer.GetAsync("/operators/conversations/" + id);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("<script>alert", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("' OR 1=1 --", "' OR '1'='1")]
    [InlineData("admin\u0000", "x")]
    [InlineData("<script>alert(1)</script>", "<script>")]
    public async Task A_hostile_sign_in_fails_like_a_wrong_password(string user, string password)
    {
        await host.Factory.AddOperatorAsync("admin-" + Guid.NewGuid().ToString("N")[..8], "admin");
        var client = host.Factory.Client();

        var response = await Operators.ConsoleFactory.PostFormAsync(client, "/operators/login", "/operators/login",
            new() { ["user"] = user + new string(' ', 3), ["password"] = password });

        // 401 like any failed sign-in; 400 when the form itself is unreadable (a NUL character).
        Assert.True(response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.BadRequest, $"status {(int)response.StatusCode}");
        Assert.DoesNotContain("<script>alert", await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/operators")).StatusCode);
    }
}
