using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using SpasmBot.Protocol;

namespace SpasmBot.Tests.Channels;

public class DirectLineApiTests
{
    [Fact]
    public async Task Widget_token_is_a_jwt_naming_one_conversation_and_a_dl_user()
    {
        using var host = new DirectLineTestHost();
        var token = await host.NewTokenAsync();

        Assert.False(string.IsNullOrEmpty(token.ConversationId));
        Assert.Equal(1800, token.ExpiresIn);
        // Web Chat reads the visitor's id from the token's "user" claim.
        var payload = JsonDocument.Parse(Base64UrlDecode(token.Token.Split('.')[1])).RootElement;
        Assert.StartsWith("dl_", payload.GetProperty("user").GetString());
        Assert.Equal(token.ConversationId, payload.GetProperty("conv").GetString());
        Assert.NotEqual(token.ConversationId, (await host.NewTokenAsync()).ConversationId);
    }

    [Fact]
    public async Task Starting_returns_201_with_token_and_stream_url_then_200_and_the_bot_welcomes_the_visitor()
    {
        using var host = new DirectLineTestHost();
        var token = await host.NewTokenAsync();

        var first = await host.SendAsync(HttpMethod.Post, "/v3/directline/conversations", token.Token);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var started = (await first.Content.ReadFromJsonAsync<TokenBody>())!;
        Assert.Equal(token.ConversationId, started.ConversationId);
        Assert.False(string.IsNullOrEmpty(started.Token));
        Assert.True(started.ExpiresIn > 0);
        Assert.StartsWith("ws://", started.StreamUrl);
        Assert.Contains($"/v3/directline/conversations/{token.ConversationId}/stream", started.StreamUrl);

        var again = await host.SendAsync(HttpMethod.Post, "/v3/directline/conversations", started.Token);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);

        // One conversationUpdate reached the bot, adding the bot and the token's user; the page never sees it.
        var update = Assert.Single(host.Bot.Received);
        Assert.Equal(ActivityTypes.ConversationUpdate, update.Type);
        Assert.Contains(update.MembersAdded!, m => m.Id!.StartsWith("dl_"));
        var set = await host.GetActivitiesAsync(token);
        var welcome = Assert.Single(set.Activities);
        Assert.Equal("Welcome! I am not a doctor.", welcome.Text);
        Assert.Equal("bot", welcome.From!.Role);
        Assert.Null(welcome.ReplyToId);
    }

    [Fact]
    public async Task A_post_is_echoed_with_its_client_id_and_the_reply_follows_with_the_watermark_advancing()
    {
        using var host = new DirectLineTestHost();
        var conversation = await host.StartAsync();
        var welcome = await host.GetActivitiesAsync(conversation);

        var post = await host.PostMessageAsync(conversation, "what helps a spasm?", "client-42");
        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        var id = (await post.Content.ReadFromJsonAsync<ResourceResponse>())!.Id;
        Assert.Equal($"{conversation.ConversationId}|0000002", id);

        var set = await host.GetActivitiesAsync(conversation, welcome.Watermark);
        Assert.Equal(2, set.Activities.Count);
        var echo = set.Activities[0];
        Assert.Equal(id, echo.Id);
        Assert.Equal("what helps a spasm?", echo.Text);
        Assert.Equal("client-42", echo.ChannelData!.Value.GetProperty("clientActivityID").GetString());
        // The user is who the token says, not what the page wrote.
        Assert.StartsWith("dl_", echo.From!.Id);
        var reply = set.Activities[1];
        Assert.Equal("You said: what helps a spasm?", reply.Text);
        Assert.Equal($"{conversation.ConversationId}|0000003", reply.Id);
        Assert.Null(reply.ChannelData);
        Assert.Equal("3", set.Watermark);

        // The bot saw the message as a Direct Line activity.
        var seen = host.Bot.Received.Last();
        Assert.Equal("directline", seen.ChannelId);
        Assert.Equal(conversation.ConversationId, seen.Conversation!.Id);

        var nothingNew = await host.GetActivitiesAsync(conversation, set.Watermark);
        Assert.Empty(nothingNew.Activities);
        Assert.Equal("3", nothingNew.Watermark);
    }

    [Fact]
    public async Task A_card_submit_reaches_the_bot_with_its_value_intact()
    {
        using var host = new DirectLineTestHost();
        var conversation = await host.StartAsync();
        var response = await host.SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{conversation.ConversationId}/activities", conversation.Token,
            """{"type":"message","channelData":{"postBack":true,"clientActivityID":"c2"},"value":{"action":"feedback","faqId":"faq-7","helpful":false}}""");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var seen = host.Bot.Received.Last();
        Assert.Null(seen.Text);
        var value = Assert.IsType<JsonElement>(seen.Value);
        Assert.Equal("faq-7", value.GetProperty("faqId").GetString());
        Assert.False(value.GetProperty("helpful").GetBoolean());
    }

    [Fact]
    public async Task Watermark_pages_through_a_long_log()
    {
        using var host = new DirectLineTestHost(new Dictionary<string, string?> { ["DirectLine:MaxActivitiesPerGet"] = "2" });
        var conversation = await host.StartAsync();
        for (var i = 1; i <= 3; i++)
        {
            (await host.PostMessageAsync(conversation, $"message {i}", $"c{i}")).EnsureSuccessStatusCode();
        }

        var texts = new List<string?>();
        string? watermark = "";
        for (var page = 0; page < 10; page++)
        {
            var set = await host.GetActivitiesAsync(conversation, watermark);
            if (set.Activities.Count == 0)
            {
                break;
            }
            Assert.True(set.Activities.Count <= 2);
            texts.AddRange(set.Activities.Select(a => a.Text));
            watermark = set.Watermark;
        }
        Assert.Equal(["Welcome! I am not a doctor.", "message 1", "You said: message 1", "message 2", "You said: message 2", "message 3", "You said: message 3"], texts);
    }

    [Fact]
    public async Task The_log_keeps_only_the_newest_activities()
    {
        using var host = new DirectLineTestHost(new Dictionary<string, string?> { ["DirectLine:MaxActivitiesPerConversation"] = "3" });
        var conversation = await host.StartAsync();
        for (var i = 1; i <= 3; i++)
        {
            (await host.PostMessageAsync(conversation, $"message {i}", $"c{i}")).EnsureSuccessStatusCode();
        }
        var set = await host.GetActivitiesAsync(conversation);
        Assert.Equal(["You said: message 2", "message 3", "You said: message 3"], set.Activities.Select(a => a.Text));
        Assert.Equal("7", set.Watermark);
    }

    [Fact]
    public async Task A_token_for_one_conversation_can_never_read_or_post_to_another()
    {
        using var host = new DirectLineTestHost();
        var alice = await host.StartAsync();
        var bob = await host.StartAsync();
        (await host.PostMessageAsync(alice, "my private question")).EnsureSuccessStatusCode();

        var paths = new (HttpMethod Method, string Path, object? Body)[]
        {
            (HttpMethod.Get, $"/v3/directline/conversations/{alice.ConversationId}/activities?watermark=", null),
            (HttpMethod.Post, $"/v3/directline/conversations/{alice.ConversationId}/activities", new { type = "message", text = "hi" }),
            (HttpMethod.Get, $"/v3/directline/conversations/{alice.ConversationId}?watermark=", null),
            (HttpMethod.Get, $"/v3/directline/conversations/{alice.ConversationId}/stream?t={bob.Token}", null),
        };
        foreach (var (method, path, body) in paths)
        {
            var response = await host.SendAsync(method, path, bob.Token, body);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }
        var bobs = await host.GetActivitiesAsync(bob);
        Assert.DoesNotContain(bobs.Activities, a => a.Text?.Contains("private") == true);
    }

    [Fact]
    public async Task Missing_or_forged_tokens_are_refused_and_unknown_conversations_are_404()
    {
        using var host = new DirectLineTestHost();
        var conversation = await host.StartAsync();
        var path = $"/v3/directline/conversations/{conversation.ConversationId}/activities?watermark=";

        Assert.Equal(HttpStatusCode.Unauthorized, (await host.SendAsync(HttpMethod.Get, path, null)).StatusCode);
        var parts = conversation.Token.Split('.');
        var forged = $"{parts[0]}.{parts[1]}.{new string('A', parts[2].Length)}";
        Assert.Equal(HttpStatusCode.Forbidden, (await host.SendAsync(HttpMethod.Get, path, forged)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await host.SendAsync(HttpMethod.Get, path, "not-a-token")).StatusCode);

        // A valid token whose conversation was never started.
        var unstarted = await host.NewTokenAsync();
        var response = await host.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{unstarted.ConversationId}/activities?watermark=", unstarted.Token);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Tokens_expire_and_a_refreshed_token_keeps_the_conversation()
    {
        using var host = new DirectLineTestHost();
        var conversation = await host.StartAsync();
        host.Clock.Advance(TimeSpan.FromMinutes(20));

        var refreshed = await host.SendAsync(HttpMethod.Post, "/v3/directline/tokens/refresh", conversation.Token);
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        var renewed = (await refreshed.Content.ReadFromJsonAsync<TokenBody>())!;
        Assert.Equal(conversation.ConversationId, renewed.ConversationId);

        host.Clock.Advance(TimeSpan.FromMinutes(15));
        var path = $"/v3/directline/conversations/{conversation.ConversationId}/activities?watermark=";
        Assert.Equal(HttpStatusCode.Forbidden, (await host.SendAsync(HttpMethod.Get, path, conversation.Token)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await host.SendAsync(HttpMethod.Post, "/v3/directline/tokens/refresh", conversation.Token)).StatusCode);
        var stillThere = await host.GetActivitiesAsync(renewed with { });
        Assert.Contains(stillThere.Activities, a => a.Text == "Welcome! I am not a doctor.");
    }

    [Fact]
    public async Task Idle_conversations_are_forgotten()
    {
        using var host = new DirectLineTestHost(new Dictionary<string, string?> { ["DirectLine:ConversationIdleMinutes"] = "10", ["DirectLine:TokenLifetimeSeconds"] = "7200" });
        var conversation = await host.StartAsync();
        host.Clock.Advance(TimeSpan.FromMinutes(11));
        var response = await host.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{conversation.ConversationId}/activities?watermark=", conversation.Token);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Requests_beyond_the_per_token_limit_get_429_while_other_visitors_are_unaffected()
    {
        using var host = new DirectLineTestHost(new Dictionary<string, string?>
        {
            ["DirectLine:RateLimitBurst"] = "5",
            ["DirectLine:RateLimitPerMinute"] = "1",
        });
        var busy = await host.StartAsync(); // 1 request
        var path = $"/v3/directline/conversations/{busy.ConversationId}/activities?watermark=";
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await host.SendAsync(HttpMethod.Get, path, busy.Token)).StatusCode);
        }
        var limited = await host.SendAsync(HttpMethod.Get, path, busy.Token);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.RetryAfter is not null);

        var other = await host.StartAsync();
        Assert.Equal(HttpStatusCode.OK, (await host.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{other.ConversationId}/activities?watermark=", other.Token)).StatusCode);
    }

    [Fact]
    public async Task Bad_bodies_get_clear_errors()
    {
        using var host = new DirectLineTestHost(new Dictionary<string, string?> { ["DirectLine:MaxActivityBytes"] = "1000" });
        var conversation = await host.StartAsync();
        var path = $"/v3/directline/conversations/{conversation.ConversationId}/activities";

        var notJson = await host.SendAsync(HttpMethod.Post, path, conversation.Token, "{not json");
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        Assert.Contains("activity", await notJson.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, (await host.SendAsync(HttpMethod.Post, path, conversation.Token, new { text = "no type" })).StatusCode);
        // A page cannot pretend to be the channel.
        var fake = await host.SendAsync(HttpMethod.Post, path, conversation.Token, new { type = "conversationUpdate", membersAdded = new[] { new { id = "x" } } });
        Assert.Equal(HttpStatusCode.BadRequest, fake.StatusCode);
        Assert.DoesNotContain(host.Bot.Received, a => a.Type == "conversationUpdate" && a.MembersAdded!.Any(m => m.Id == "x"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await host.SendAsync(HttpMethod.Post, path, conversation.Token, new { type = "message", text = new string('x', 2000) })).StatusCode);
    }

    [Fact]
    public async Task Tokens_generate_needs_the_embedded_secret()
    {
        using var host = new DirectLineTestHost(new Dictionary<string, string?> { ["DirectLine:EmbeddedSecret"] = "server-side-secret" });
        Assert.Equal(HttpStatusCode.Forbidden, (await host.SendAsync(HttpMethod.Post, "/v3/directline/tokens/generate", "guess")).StatusCode);
        var ok = await host.SendAsync(HttpMethod.Post, "/v3/directline/tokens/generate", "server-side-secret");
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var token = (await ok.Content.ReadFromJsonAsync<TokenBody>())!;
        Assert.Equal(HttpStatusCode.Created, (await host.SendAsync(HttpMethod.Post, "/v3/directline/conversations", token.Token)).StatusCode);
    }

    [Fact]
    public async Task Web_chat_bundle_is_served_from_the_npm_package()
    {
        using var host = new DirectLineTestHost();
        var response = await host.Client.GetAsync("/lib/webchat.js");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType!.MediaType);
        Assert.True(response.Content.Headers.ContentLength > 1_000_000, "the full Web Chat bundle (with Adaptive Cards) is served");
    }

    private static byte[] Base64UrlDecode(string s)
    {
        s = s.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s.PadRight(s.Length + (4 - s.Length % 4) % 4, '='));
    }
}
