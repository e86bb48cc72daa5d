using Microsoft.Extensions.DependencyInjection;
using SpasmBot.Protocol;
using Stopwatch = System.Diagnostics.Stopwatch;
using System.Net;
using System.Text.Json;

namespace SpasmBot.Tests.Protocol;

public class ConnectorDeliveryTests
{
    private sealed class FixedToken(string? token) : IConnectorTokenProvider
    {
        public Task<string?> GetTokenAsync(CancellationToken cancellationToken) => Task.FromResult(token);
    }

    private static Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> Host(StubHttpHandler channel, IBot? bot = null) =>
        TestBotHost.Create(bot ?? DelegateBot.Echo(), s =>
        {
            s.AddSingleton<IConnectorTokenProvider>(new FixedToken("connector-token"));
            s.AddHttpClient(nameof(ConnectorClient)).ConfigurePrimaryHttpMessageHandler(() => channel);
        }, new Dictionary<string, string?> { ["BotFramework:Connector:RetryBaseDelay"] = "00:00:00.010" });

    private static string Message(string serviceUrl, string conversationId = "a:1;b=2") => JsonSerializer.Serialize(new
    {
        type = "message", id = "act 1", channelId = "msteams", serviceUrl, text = "hello",
        from = new { id = "user-1" }, recipient = new { id = "bot-1" }, conversation = new { id = conversationId },
        channelData = new { clientActivityID = "client-1" },
    });

    [Fact]
    public async Task Replies_are_posted_to_the_service_url_with_the_bearer_token_and_the_request_gets_an_empty_200()
    {
        var channel = new StubHttpHandler((_, _) => StubHttpHandler.Json("""{"id":"reply-1"}"""));
        using var host = Host(channel);
        using var client = host.CreateClient();

        var response = await TestBotHost.PostAsync(client, Message("http://localhost:50000/teams/"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync());
        var (request, body) = Assert.Single(channel.Requests); // the trace is not sent to msteams
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("http://localhost:50000/teams/v3/conversations/a%3A1%3Bb%3D2/activities/act%201", request.RequestUri!.AbsoluteUri);
        Assert.Equal("Bearer connector-token", request.Headers.Authorization?.ToString());
        var reply = JsonDocument.Parse(body!).RootElement;
        Assert.Equal("echo: hello", reply.GetProperty("text").GetString());
        Assert.Equal("user-1", reply.GetProperty("recipient").GetProperty("id").GetString());
        Assert.Equal("bot-1", reply.GetProperty("from").GetProperty("id").GetString());
        Assert.False(reply.TryGetProperty("channelData", out _), "the user's clientActivityID must not be copied into replies");
    }

    [Fact]
    public async Task Replies_without_replyToId_go_to_the_conversation()
    {
        var channel = new StubHttpHandler((_, _) => StubHttpHandler.Json("{}"));
        var bot = new DelegateBot((turn, ct) => turn.SendActivityAsync(new Activity { Type = "message", Text = "x", ReplyToId = "" }, ct));
        using var host = Host(channel, bot);
        using var client = host.CreateClient();

        await TestBotHost.PostAsync(client, Message("http://127.0.0.1:50000", "c1"));

        Assert.Equal("http://127.0.0.1:50000/v3/conversations/c1/activities", Assert.Single(channel.Requests).Request.RequestUri!.AbsoluteUri);
    }

    [Fact]
    public async Task Throttling_and_server_errors_are_retried_honouring_Retry_After()
    {
        var answers = new Queue<HttpResponseMessage>();
        var throttled = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        throttled.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(1));
        answers.Enqueue(throttled);
        answers.Enqueue(new HttpResponseMessage(HttpStatusCode.ServiceUnavailable));
        answers.Enqueue(StubHttpHandler.Json("""{"id":"r"}"""));
        var channel = new StubHttpHandler((_, _) => answers.Dequeue());
        using var host = Host(channel);
        using var client = host.CreateClient();

        var clock = Stopwatch.StartNew();
        var response = await TestBotHost.PostAsync(client, Message("http://localhost:50000"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, channel.Requests.Count);
        Assert.All(channel.Requests, r => Assert.Contains("echo: hello", r.Body));
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(900), "waited for Retry-After before the second attempt");
    }

    [Fact]
    public async Task A_rejected_reply_is_not_retried_and_the_host_still_answers()
    {
        var channel = new StubHttpHandler((_, _) => StubHttpHandler.Json("""{"error":{"code":"BadArgument"}}""", HttpStatusCode.BadRequest));
        using var host = Host(channel);
        using var client = host.CreateClient();

        var response = await TestBotHost.PostAsync(client, Message("http://localhost:50000"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // The reply once, then the error handler's apology once: no retries of a 400.
        Assert.Equal(2, channel.Requests.Count);
        Assert.Contains(BotTurnRunner.ApologyText, channel.Requests[1].Body);
    }

    [Fact]
    public async Task Without_an_app_id_replies_only_go_to_loopback_service_urls()
    {
        var channel = new StubHttpHandler((_, _) => StubHttpHandler.Json("{}"));
        using var host = Host(channel);
        using var client = host.CreateClient();

        var response = await TestBotHost.PostAsync(client, Message("https://attacker.example/"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(channel.Requests);
    }

    [Fact]
    public async Task ExpectReplies_never_posts_to_the_service_url()
    {
        var channel = new StubHttpHandler((_, _) => StubHttpHandler.Json("{}"));
        using var host = Host(channel);
        using var client = host.CreateClient();

        var replies = await TestBotHost.RepliesAsync(await TestBotHost.PostAsync(client, TestBotHost.MessageJson("hi", serviceUrl: "https://smba.trafficmanager.net/teams/")));

        Assert.Equal("echo: hi", replies[0].Text);
        Assert.Empty(channel.Requests);
    }
}
