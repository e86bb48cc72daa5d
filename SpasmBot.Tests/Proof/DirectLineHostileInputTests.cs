using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace SpasmBot.Tests.Proof;

/// <summary>
/// Hostile bodies posted to the embedded Direct Line with a valid token: a clear 4xx, nothing logged, and the same
/// conversation still gets answers; odd texts are answered and come back as JSON text.
/// </summary>
[Trait("Category", "Proof")]
[Trait("Proof", "Hostile input")]
public sealed class DirectLineHostileInputTests(DirectLineProofHost host) : IClassFixture<DirectLineProofHost>
{
    private static readonly Dictionary<string, (byte[] Body, HttpStatusCode Status)> Rejected = new()
    {
        ["malformed JSON"] = (Utf8("""{"type":"message","text":"""), HttpStatusCode.BadRequest),
        ["text is a number"] = (Utf8("""{"type":"message","text":5}"""), HttpStatusCode.BadRequest),
        ["from is a string"] = (Utf8("""{"type":"message","text":"hi","from":"x"}"""), HttpStatusCode.BadRequest),
        ["no type"] = (Utf8("""{"text":"hi"}"""), HttpStatusCode.BadRequest),
        ["a JSON array"] = (Utf8("""[{"type":"message","text":"hi"}]"""), HttpStatusCode.BadRequest),
        ["empty body"] = ([], HttpStatusCode.BadRequest),
        ["invalid UTF-8"] = ([.. Utf8("""{"type":"message","text":"a"""), 0xC3, 0x28, 0xFF, .. Utf8("\"}")], HttpStatusCode.BadRequest),
        ["10,000 levels of nesting"] = (Utf8("""{"type":"message","text":"hi","channelData":""" + new string('[', 10_000) + new string(']', 10_000) + "}"), HttpStatusCode.BadRequest),
        ["10 MB body"] = (Utf8("""{"type":"message","text":" """ + new string('a', 10 * 1024 * 1024) + "\"}"), HttpStatusCode.RequestEntityTooLarge),
    };

    public static TheoryData<string> RejectedCases() => [.. Rejected.Keys];

    [Theory]
    [MemberData(nameof(RejectedCases))]
    public async Task Rejected_with_a_clear_4xx_and_the_conversation_carries_on(string name)
    {
        var (token, conversationId) = await host.StartAsync();

        var response = await host.SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{conversationId}/activities", token, Rejected[name].Body);

        Assert.Equal(Rejected[name].Status, response.StatusCode);
        Assert.Contains("\"error\"", await response.Content.ReadAsStringAsync());
        Assert.Equal(0, await host.LoggedVisitorMessagesAsync(conversationId));
        Assert.Equal(HttpStatusCode.OK, (await host.PostTextAsync(token, conversationId, "how do I sleep with a back spasm")).StatusCode);
        Assert.Equal(1, await host.LoggedVisitorMessagesAsync(conversationId));
    }

    [Theory]
    [InlineData("<script>alert(document.cookie)</script>")]
    [InlineData("\" OR 1=1 -- NEAR( * ^ col:x")]
    [InlineData("\u202Eheat or ice\u200B\u200D\uFEFF")]
    [InlineData("back\u0000\u0001\u001b[2J spasm")]
    public async Task Odd_text_is_answered_and_returned_as_json_text(string text)
    {
        var (token, conversationId) = await host.StartAsync();
        var before = (await host.BotMessagesAsync(token, conversationId)).Count;

        Assert.Equal(HttpStatusCode.OK, (await host.PostTextAsync(token, conversationId, text)).StatusCode);

        var messages = await host.BotMessagesAsync(token, conversationId);
        Assert.True(messages.Count > before, "the bot answered");
        Assert.All(messages, m => Assert.DoesNotContain("<script>", m)); // JSON-escaped when echoed at all
        Assert.Equal(1, await host.LoggedVisitorMessagesAsync(conversationId));
    }

    [Fact]
    public async Task A_page_cannot_speak_as_another_user()
    {
        var (token, conversationId) = await host.StartAsync();
        var body = new JsonObject { ["type"] = "message", ["text"] = "hello", ["from"] = new JsonObject { ["id"] = "dl_someone-else", ["role"] = "bot" } };

        Assert.Equal(HttpStatusCode.OK, (await host.SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{conversationId}/activities", token, Utf8(body.ToJsonString()))).StatusCode);

        var log = await (await host.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{conversationId}/activities", token)).Content.ReadAsStringAsync();
        Assert.DoesNotContain("dl_someone-else", log);
        Assert.Contains(DirectLineProofHost.UserOf(token), log);
    }

    private static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);
}
