using Microsoft.Extensions.DependencyInjection;
using SpasmBot.Protocol;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace SpasmBot.Tests.Protocol;

public class MessagesEndpointTests
{
    private static async Task AssertProblem(HttpResponseMessage response, HttpStatusCode status, string detailContains)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.Contains(detailContains, problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("not json at all", "not a JSON activity")]
    [InlineData("[1,2,3]", "not a JSON activity")]
    [InlineData("\"message\"", "not a JSON activity")]
    [InlineData("null", "must be a JSON object")]
    [InlineData("""{"text":"no type","conversation":{"id":"c"}}""", "no 'type'")]
    [InlineData("""{"type":"message","text":"no conversation"}""", "no 'conversation.id'")]
    [InlineData("""{"type":"message","conversation":{"id":"c"}""", "not a JSON activity")]
    public async Task Bad_activities_get_400_with_problem_details(string body, string detail)
    {
        var turns = 0;
        using var host = TestBotHost.Create(new DelegateBot((t, ct) => { turns++; return Task.CompletedTask; }));
        using var client = host.CreateClient();

        await AssertProblem(await TestBotHost.PostAsync(client, body), HttpStatusCode.BadRequest, detail);
        Assert.Equal(0, turns);
    }

    [Fact]
    public async Task Deeply_nested_json_and_invalid_utf8_are_rejected_cleanly()
    {
        using var host = TestBotHost.Create(DelegateBot.Echo());
        using var client = host.CreateClient();
        var deep = """{"type":"message","conversation":{"id":"c"},"value":""" + new string('[', 5000) + new string(']', 5000) + "}";
        byte[] invalidBytes = [.. Encoding.ASCII.GetBytes("{\"type\":\"message\",\"text\":\""), 0xC3, 0x28, .. Encoding.ASCII.GetBytes("\",\"conversation\":{\"id\":\"c\"}}")];
        var invalidUtf8 = new ByteArrayContent(invalidBytes);
        invalidUtf8.Headers.ContentType = new("application/json");

        await AssertProblem(await TestBotHost.PostAsync(client, deep), HttpStatusCode.BadRequest, "depth");
        await AssertProblem(await client.PostAsync("/api/messages", invalidUtf8), HttpStatusCode.BadRequest, "UTF-8");
        // The host is still fine afterwards.
        var replies = await TestBotHost.RepliesAsync(await TestBotHost.PostAsync(client, TestBotHost.MessageJson("still there?")));
        Assert.Equal("echo: still there?", replies[0].Text);
    }

    [Fact]
    public async Task Bodies_over_256_KB_get_413_whether_announced_or_streamed()
    {
        using var host = TestBotHost.Create(DelegateBot.Echo());
        using var client = host.CreateClient();
        var big = TestBotHost.MessageJson(new string('a', 300 * 1024));
        var chunked = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = new UnknownLengthContent(Encoding.UTF8.GetBytes(big)) };

        await AssertProblem(await TestBotHost.PostAsync(client, big), HttpStatusCode.RequestEntityTooLarge, "256 KB");
        await AssertProblem(await client.SendAsync(chunked), HttpStatusCode.RequestEntityTooLarge, "256 KB");
        // Just under the limit is fine.
        var ok = await TestBotHost.PostAsync(client, TestBotHost.MessageJson(new string('a', 200 * 1024)));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
    }

    [Fact]
    public async Task Only_post_is_allowed()
    {
        using var host = TestBotHost.Create(DelegateBot.Echo());
        using var client = host.CreateClient();

        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await client.GetAsync("/api/messages")).StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await client.PutAsync("/api/messages", new StringContent("{}"))).StatusCode);
    }

    [Fact]
    public async Task Unknown_activity_types_get_200_and_still_pass_through_middleware()
    {
        var order = new List<string>();
        using var host = TestBotHost.Create(DelegateBot.Echo(), s => s.AddSingleton<IMiddleware>(new RecordingMiddleware("transcript", order)));
        using var client = host.CreateClient();
        var json = """{"type":"somethingNew","id":"x","channelId":"emulator","conversation":{"id":"c"},"from":{"id":"u"},"deliveryMode":"expectReplies","futureField":1}""";

        var replies = await TestBotHost.RepliesAsync(await TestBotHost.PostAsync(client, json));

        Assert.Empty(replies);
        Assert.Equal(["transcript before", "transcript after"], order);
    }

    [Fact]
    public async Task A_bot_that_throws_answers_with_an_apology_and_the_host_keeps_serving()
    {
        var calls = 0;
        using var host = TestBotHost.Create(new DelegateBot(async (turn, ct) =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                throw new InvalidOperationException("first turn breaks");
            }
            await turn.SendActivityAsync(new Activity { Type = "message", Text = "fine now" }, ct);
        }));
        using var client = host.CreateClient();

        var first = await TestBotHost.RepliesAsync(await TestBotHost.PostAsync(client, TestBotHost.MessageJson("hi")));
        var second = await TestBotHost.RepliesAsync(await TestBotHost.PostAsync(client, TestBotHost.MessageJson("hi again")));

        Assert.Equal(BotTurnRunner.ApologyText, Assert.Single(first).Text);
        Assert.Equal("fine now", Assert.Single(second).Text);
    }

    [Fact]
    public async Task Invokes_are_answered_with_the_invoke_response()
    {
        var bot = new DelegateBot((turn, ct) =>
        {
            if (turn.Activity.Name == "adaptiveCard/action")
            {
                turn.TurnState[ActivityHandler.InvokeResponseKey] = new InvokeResponse(200, new { statusCode = 200, type = "application/vnd.microsoft.activity.message", value = "Thanks!" });
            }
            return Task.CompletedTask;
        });
        using var host = TestBotHost.Create(bot);
        using var client = host.CreateClient();
        string Invoke(string name, string? deliveryMode = null) => JsonSerializer.Serialize(new
        {
            type = "invoke", name, channelId = "msteams", serviceUrl = "http://localhost:1", deliveryMode,
            conversation = new { id = "c" }, from = new { id = "u" }, recipient = new { id = "b" },
        }, ProtocolJson.Options);

        var handled = await TestBotHost.PostAsync(client, Invoke("adaptiveCard/action"));
        var unknown = await TestBotHost.PostAsync(client, Invoke("composeExtension/query"));
        var buffered = await TestBotHost.PostAsync(client, Invoke("adaptiveCard/action", "expectReplies"));

        Assert.Equal(HttpStatusCode.OK, handled.StatusCode);
        var body = await handled.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Thanks!", body.GetProperty("value").GetString());
        Assert.Equal(HttpStatusCode.NotImplemented, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.OK, buffered.StatusCode);
        var envelope = await buffered.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(0, envelope.GetProperty("activities").GetArrayLength());
        Assert.Equal(200, envelope.GetProperty("body").GetProperty("statusCode").GetInt32());
    }

    [Fact]
    public async Task Activity_json_round_trips_with_opaque_bags_untouched()
    {
        var json = """
            {"type":"message","id":"1","timestamp":"2026-01-02T03:04:05.2891902Z","channelId":"msteams",
             "from":{"id":"29:1","name":"A","aadObjectId":"g","extra":true},"conversation":{"id":"a:1;b=2","tenantId":"t"},
             "channelData":{"clientActivityID":"x","Tenant":{"Id":"t"}},
             "attachments":[{"contentType":"application/vnd.microsoft.card.adaptive","content":{"$schema":"http://adaptivecards.io/schemas/adaptive-card.json","type":"AdaptiveCard","Version":"1.5"}}],
             "suggestedActions":{"actions":[{"type":"imBack","title":"Sciatica?","value":"What is sciatica?"}]},
             "value":{"Feedback":"helpful"},"inputHint":"acceptingInput","somethingNew":[1,2]}
            """;

        var activity = JsonSerializer.Deserialize<Activity>(json, ProtocolJson.Options)!;
        var back = JsonDocument.Parse(JsonSerializer.Serialize(activity, ProtocolJson.Options)).RootElement;
        var original = JsonDocument.Parse(json).RootElement;

        foreach (var property in original.EnumerateObject())
        {
            Assert.True(back.TryGetProperty(property.Name, out var copy), property.Name);
            if (property.Name != "timestamp")
            {
                Assert.Equal(property.Value.GetRawText().Replace(" ", ""), copy.GetRawText().Replace(" ", ""));
            }
        }
        Assert.Equal(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero).AddTicks(2891902), activity.Timestamp);
    }
}

/// <summary>A body sent without Content-Length, so only reading it reveals its size.</summary>
internal sealed class UnknownLengthContent(byte[] bytes) : HttpContent
{
    protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) => stream.WriteAsync(bytes).AsTask();

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
