using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using SpasmBot.Conversation;
using SpasmBot.Protocol;

namespace SpasmBot.Tests.Proof;

/// <summary>
/// Hostile input at POST /api/messages on the whole product (the protocol's own tests cover the basic 400/413
/// shapes with a test bot). Each case ends the same way: a clear 4xx, or a normal answer with one decision trace;
/// the host still answers the next visitor; a rejected request leaves no transcript.
/// </summary>
[Trait("Category", "Proof")]
[Trait("Proof", "Hostile input")]
public sealed class MessagesHostileInputTests(ProofHost host) : IClassFixture<ProofHost>
{
    /// <summary>Bodies the host must refuse: (body for a given conversation id, expected status).</summary>
    private static readonly Dictionary<string, (Func<string, byte[]> Body, HttpStatusCode Status)> Rejected = new()
    {
        ["truncated JSON"] = (c => Utf8($$"""{"type":"message","text":"hi","conversation":{"id":"{{c}}"}"""), HttpStatusCode.BadRequest),
        ["trailing garbage after the object"] = (c => Utf8(Valid(c) + "}{\"x\":1"), HttpStatusCode.BadRequest),
        ["text is a number"] = (c => Utf8(Valid(c).Replace("\"text\":\"hello\"", "\"text\":5")), HttpStatusCode.BadRequest),
        ["from is a string"] = (c => Utf8(Valid(c).Replace("\"from\":{\"id\":\"v\"}", "\"from\":\"x\"")), HttpStatusCode.BadRequest),
        ["conversation is a string"] = (c => Utf8($$"""{"type":"message","text":"hi","conversation":"{{c}}"}"""), HttpStatusCode.BadRequest),
        ["type is a number"] = (c => Utf8(Valid(c).Replace("\"type\":\"message\"", "\"type\":7")), HttpStatusCode.BadRequest),
        ["timestamp is not a date"] = (c => Utf8(Valid(c).Replace("\"text\":\"hello\"", "\"text\":\"hello\",\"timestamp\":\"yesterday\"")), HttpStatusCode.BadRequest),
        ["attachments is an object"] = (c => Utf8(Valid(c).Replace("\"text\":\"hello\"", "\"text\":\"hello\",\"attachments\":{}")), HttpStatusCode.BadRequest),
        ["conversation id missing"] = (_ => Utf8("""{"type":"message","text":"hi","conversation":{}}"""), HttpStatusCode.BadRequest),
        ["conversation id is blank"] = (_ => Utf8("""{"type":"message","text":"hi","conversation":{"id":"   "}}"""), HttpStatusCode.BadRequest),
        ["type is blank"] = (c => Utf8(Valid(c).Replace("\"type\":\"message\"", "\"type\":\"\"")), HttpStatusCode.BadRequest),
        ["empty body"] = (_ => [], HttpStatusCode.BadRequest),
        ["invalid UTF-8 inside the text"] = (c => [.. Utf8(Valid(c)[..^1] + ",\"z\":\""), 0xC3, 0x28, 0xFF, .. Utf8("\"}")], HttpStatusCode.BadRequest),
        ["UTF-16 body"] = (c => Encoding.Unicode.GetBytes(Valid(c)), HttpStatusCode.BadRequest),
        ["10,000 levels of nesting in channelData"] = (c => Utf8(Valid(c)[..^1] + ",\"channelData\":" + new string('[', 10_000) + new string(']', 10_000) + "}"), HttpStatusCode.BadRequest),
        ["10 MB body"] = (c => Utf8(Valid(c).Replace("\"text\":\"hello\"", "\"text\":\"" + new string('a', 10 * 1024 * 1024) + "\"")), HttpStatusCode.RequestEntityTooLarge),
        ["form-encoded body"] = (_ => Utf8("type=message&text=hi&conversation.id=x"), HttpStatusCode.BadRequest),
    };

    /// <summary>Texts the bot must answer normally (some route, one decision trace), however odd.</summary>
    private static readonly Dictionary<string, string> OddTexts = new()
    {
        ["control characters"] = "back\u0001 spasm\u0007 \u001b[31mpain\u001b[0m\b\u0000 heat or ice?\r\n\t",
        ["right-to-left and zero-width characters"] = "\u202Ewhat causes back spasms\u202C\u200B\u200C\u200D\u2060\uFEFF \u05E2\u05D1\u05E8\u05D9\u05EA \u0627\u0644\u0638\u0647\u0631",
        ["10,000-character message"] = string.Concat(Enumerable.Repeat("my lower back spasms when I bend over and it hurts a lot ", 180))[..10_000],
        ["SQL fragment"] = "\" OR 1=1 -- ; DROP TABLE messages; --",
        ["SQL quote injection"] = "back spasm' OR '1'='1",
        ["FTS5 NEAR( syntax"] = "NEAR(back spasm",
        ["FTS5 star"] = "*",
        ["FTS5 caret"] = "^ spasm",
        ["FTS5 column filter"] = "question: spasm answer:heat col:x",
        ["FTS5 boolean operators"] = "back AND NOT spasm OR \"unbalanced",
        ["HTML and script"] = "<script>alert('x')</script><img src=x onerror=alert(1)> heat or ice?",
        ["emoji and astral characters"] = "\U0001F525 back \U0001F4A5 spasm \U0001D400\U0001D401",
        ["only whitespace"] = " \t\r\n ",
        ["huge number"] = "99999999999999999999999999",
        ["markdown and card syntax"] = "**bold** [link](javascript:alert(1)) {\"type\":\"AdaptiveCard\"} ${expression}",
    };

    public static TheoryData<string> RejectedCases() => [.. Rejected.Keys];

    public static TheoryData<string> OddTextCases() => [.. OddTexts.Keys];

    [Theory]
    [MemberData(nameof(RejectedCases))]
    public async Task Rejected_with_a_clear_4xx_and_nothing_logged(string name)
    {
        var conversationId = ProofHost.NewConversationId("rejected");
        var (body, status) = Rejected[name];

        var response = await host.PostAsync(body(conversationId), name == "form-encoded body" ? "application/x-www-form-urlencoded" : "application/json");

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\"detail\"", await response.Content.ReadAsStringAsync());
        await host.AssertNotLoggedAsync(conversationId);
    }

    [Theory]
    [MemberData(nameof(OddTextCases))]
    public async Task Odd_text_gets_a_normal_answer_and_is_logged_as_sent(string name)
    {
        var conversationId = ProofHost.NewConversationId("odd");
        var text = OddTexts[name];

        var replies = await ProofHost.RepliesAsync(await host.PostAsync(ProofHost.Message(conversationId, text)));

        ProofHost.AssertOneDecision(replies);
        Assert.Contains(replies, a => a.Type == ActivityTypes.Message && (a.Attachments?.Count > 0 || !string.IsNullOrWhiteSpace(a.Text)));
        // Acknowledged means stored: the visitor's message is in the transcript, as text.
        var logged = await host.LoggedAsync(conversationId);
        Assert.NotNull(logged);
        Assert.Contains(logged.Messages, m => m.Direction == "in" && m.ActivityType == "message");
        await host.AssertStillServingAsync();
    }

    [Theory]
    [InlineData("id")]
    [InlineData("from")]
    [InlineData("recipient")]
    [InlineData("serviceUrl")]
    [InlineData("text")]
    public async Task Missing_optional_fields_still_get_an_answer(string field)
    {
        var conversationId = ProofHost.NewConversationId("missing");
        var activity = ProofHost.Message(conversationId, "Should I use heat or ice for a back spasm?");
        activity.Remove(field);

        var replies = await ProofHost.RepliesAsync(await host.PostAsync(activity));

        ProofHost.AssertOneDecision(replies);
        await host.AssertStillServingAsync();
    }

    [Fact]
    public async Task Without_a_channel_id_the_answer_comes_and_the_decision_is_logged()
    {
        var conversationId = ProofHost.NewConversationId("nochannel");
        var activity = ProofHost.Message(conversationId, "Should I use heat or ice for a back spasm?");
        activity.Remove("channelId");

        var replies = await ProofHost.RepliesAsync(await host.PostAsync(activity));

        // Traces go only to the emulator channel, so the decision is checked in the transcript.
        Assert.DoesNotContain(replies, a => a.Type == ActivityTypes.Trace);
        Assert.Contains(replies, a => a.Type == ActivityTypes.Message);
        var logged = await host.LoggedAsync(conversationId);
        Assert.Contains(logged!.Messages, m => m.Direction == "in" && ProofHost.KnownRoutes.Contains(m.Route ?? ""));
    }

    [Fact]
    public async Task Unknown_fields_and_wrongly_typed_opaque_bags_are_tolerated()
    {
        var activity = ProofHost.Message(ProofHost.NewConversationId("bags"), "can massage help");
        activity["channelData"] = new JsonArray(1, "two", null);
        activity["entities"] = new JsonArray(new JsonObject { ["type"] = "<script>", ["x"] = new JsonArray() });
        activity["value"] = "a string where a card submit object would be";
        activity["somethingNew"] = new JsonObject { ["nested"] = true };

        var replies = await ProofHost.RepliesAsync(await host.PostAsync(activity));

        ProofHost.AssertOneDecision(replies);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/json; charset=iso-8859-1")]
    [InlineData(null)]
    [InlineData("application/json\u0000; x=<script>")]
    public async Task An_odd_content_type_with_a_json_activity_is_answered(string? contentType)
    {
        var activity = ProofHost.Message(ProofHost.NewConversationId("ctype"), "what is sciatica");

        var response = await host.PostAsync(Encoding.UTF8.GetBytes(activity.ToJsonString()), contentType);

        ProofHost.AssertOneDecision(await ProofHost.RepliesAsync(response));
    }

    [Fact]
    public async Task A_script_payload_is_stored_as_inert_text_and_shown_encoded_in_the_console()
    {
        const string payload = "<script>alert('pwned')</script><img src=x onerror=alert(1)>";
        var conversationId = ProofHost.NewConversationId("xss");
        await ProofHost.RepliesAsync(await host.PostAsync(ProofHost.Message(conversationId, payload, channelId: "webchat")));

        var logged = await host.LoggedAsync(conversationId);
        Assert.Contains(logged!.Messages, m => m.Direction == "in" && m.Text == payload);

        using var viewer = await host.Factory.SignedInAsync("xss-viewer-" + Guid.NewGuid().ToString("N")[..8], "viewer");
        var page = await viewer.GetStringAsync("/operators/conversations/" + conversationId);
        Assert.DoesNotContain("<script>alert", page);
        Assert.DoesNotContain("<img src=x", page);
        Assert.Contains("&lt;script&gt;", page);
        var list = await viewer.GetStringAsync("/operators?q=" + Uri.EscapeDataString("pwned"));
        Assert.DoesNotContain("<script>alert", list);
    }

    [Fact]
    public async Task A_replayed_activity_is_answered_again_without_breaking_the_conversation()
    {
        var activity = ProofHost.Message(ProofHost.NewConversationId("replay"), "does stress cause back spasms");
        var body = Encoding.UTF8.GetBytes(activity.ToJsonString());

        for (var i = 0; i < 3; i++)
        {
            ProofHost.AssertOneDecision(await ProofHost.RepliesAsync(await host.PostAsync(body)));
        }
        await host.AssertStillServingAsync();
    }

    [Fact]
    public async Task Many_hostile_requests_at_once_leave_the_host_serving()
    {
        var tasks = Rejected.Keys.Where(k => k != "10 MB body").Select(k => host.PostAsync(Rejected[k].Body(ProofHost.NewConversationId("burst"))))
            .Concat(OddTexts.Values.Select(t => host.PostAsync(ProofHost.Message(ProofHost.NewConversationId("burst"), t))))
            .ToList();

        var responses = await Task.WhenAll(tasks);

        Assert.All(responses, r => Assert.True((int)r.StatusCode is 200 or 400 or 413, $"status {(int)r.StatusCode}"));
        await host.AssertStillServingAsync();
    }

    private static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);

    private static string Valid(string conversationId) =>
        """{"type":"message","id":"a1","channelId":"emulator","serviceUrl":"http://localhost:50000","deliveryMode":"expectReplies","text":"hello","from":{"id":"v"},"recipient":{"id":"b"},"conversation":{"id":""" + "\"" + conversationId + "\"}}";
}
