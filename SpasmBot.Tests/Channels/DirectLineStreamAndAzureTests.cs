using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace SpasmBot.Tests.Channels;

public class DirectLineStreamTests
{
    [Fact]
    public async Task The_stream_sends_the_backlog_then_pushes_new_activities_and_keeps_alive_with_empty_frames()
    {
        using var host = new DirectLineTestHost(new Dictionary<string, string?> { ["DirectLine:StreamHeartbeatSeconds"] = "1" });
        var conversation = await host.StartAsync();
        var reconnect = await host.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{conversation.ConversationId}?watermark=", conversation.Token);
        var streamUrl = (await reconnect.Content.ReadFromJsonAsync<TokenBody>())!.StreamUrl!;

        var client = host.Factory.Server.CreateWebSocketClient();
        using var socket = await client.ConnectAsync(new Uri(streamUrl), CancellationToken.None);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));

        var backlog = await ReceiveAsync(socket, timeout.Token);
        Assert.Equal("Welcome! I am not a doctor.", backlog.GetProperty("activities")[0].GetProperty("text").GetString());
        Assert.Equal("1", backlog.GetProperty("watermark").GetString());

        (await host.PostMessageAsync(conversation, "hello")).EnsureSuccessStatusCode();
        var pushed = new List<string?>();
        var sawHeartbeat = false;
        while (pushed.Count < 2 || !sawHeartbeat)
        {
            var text = await ReceiveTextAsync(socket, timeout.Token);
            if (text.Length == 0)
            {
                sawHeartbeat = true;
                continue;
            }
            var set = JsonDocument.Parse(text).RootElement;
            pushed.AddRange(set.GetProperty("activities").EnumerateArray().Select(a => a.GetProperty("text").GetString()));
            Assert.True(set.TryGetProperty("watermark", out _));
        }
        Assert.Equal(["hello", "You said: hello"], pushed);
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
    }

    [Fact]
    public async Task The_stream_resumes_after_the_watermark_in_its_url()
    {
        using var host = new DirectLineTestHost();
        var conversation = await host.StartAsync();
        (await host.PostMessageAsync(conversation, "first")).EnsureSuccessStatusCode();
        var reconnect = await host.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{conversation.ConversationId}?watermark=2", conversation.Token);
        var streamUrl = (await reconnect.Content.ReadFromJsonAsync<TokenBody>())!.StreamUrl!;
        Assert.Contains("watermark=2", streamUrl);

        using var socket = await host.Factory.Server.CreateWebSocketClient().ConnectAsync(new Uri(streamUrl), CancellationToken.None);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var set = await ReceiveAsync(socket, timeout.Token);
        Assert.Equal(["You said: first"], set.GetProperty("activities").EnumerateArray().Select(a => a.GetProperty("text").GetString()));
    }

    private static async Task<JsonElement> ReceiveAsync(WebSocket socket, CancellationToken cancellationToken)
    {
        while (true)
        {
            var text = await ReceiveTextAsync(socket, cancellationToken);
            if (text.Length > 0)
            {
                return JsonDocument.Parse(text).RootElement;
            }
        }
    }

    private static async Task<string> ReceiveTextAsync(WebSocket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        WebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer, cancellationToken);
            message.Write(buffer, 0, result.Count);
        }
        while (!result.EndOfMessage);
        return Encoding.UTF8.GetString(message.ToArray());
    }
}

public class AzureDirectLineTests
{
    private sealed class RecordingHandler : HttpMessageHandler
    {
        public List<(HttpRequestMessage Request, string Body)> Requests { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add((request, request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken)));
            return new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = JsonContent.Create(new { conversationId = "azure-conv-1", token = "azure-token-1", expires_in = 1800 }),
            };
        }
    }

    private static DirectLineTestHost AzureHost(RecordingHandler handler) => new(new Dictionary<string, string?>
    {
        ["DirectLine:Secret"] = "the-direct-line-secret",
        ["DirectLine:Endpoint"] = "https://europe.directline.botframework.com/v3/directline/tokens/generate",
        ["DirectLine:AllowedOrigins:0"] = "https://clinic.example",
    }, services => services.AddHttpClient<SpasmBot.Channels.AzureDirectLineTokenClient>().ConfigurePrimaryHttpMessageHandler(() => handler));

    [Fact]
    public async Task The_secret_is_exchanged_server_side_and_never_reaches_the_page()
    {
        var handler = new RecordingHandler();
        using var host = AzureHost(handler);

        var response = await host.Client.PostAsync("/api/directline/token", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("the-direct-line-secret", body);
        var token = JsonSerializer.Deserialize<TokenBody>(body)!;
        Assert.Equal("azure-token-1", token.Token);
        Assert.Equal("azure-conv-1", token.ConversationId);
        Assert.Equal(1800, token.ExpiresIn);
        Assert.Equal("https://europe.directline.botframework.com/v3/directline", token.Domain);

        var (request, sent) = Assert.Single(handler.Requests);
        Assert.Equal("https://europe.directline.botframework.com/v3/directline/tokens/generate", request.RequestUri!.ToString());
        Assert.Equal("Bearer the-direct-line-secret", request.Headers.Authorization!.ToString());
        Assert.StartsWith("dl_", JsonDocument.Parse(sent).RootElement.GetProperty("user").GetProperty("id").GetString());

        // Azure hosts Direct Line in this mode; the embedded one is off.
        Assert.Equal(HttpStatusCode.NotFound, (await host.Client.PostAsync("/v3/directline/conversations", null)).StatusCode);
    }

    [Fact]
    public async Task Only_configured_origins_may_call_the_token_endpoint_from_the_browser()
    {
        using var host = AzureHost(new RecordingHandler());

        async Task<string?> AllowedOriginFor(string origin)
        {
            var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/directline/token");
            preflight.Headers.Add("Origin", origin);
            preflight.Headers.Add("Access-Control-Request-Method", "POST");
            var response = await host.Client.SendAsync(preflight);
            return response.Headers.TryGetValues("Access-Control-Allow-Origin", out var values) ? values.Single() : null;
        }

        Assert.Equal("https://clinic.example", await AllowedOriginFor("https://clinic.example"));
        Assert.Null(await AllowedOriginFor("https://evil.example"));
    }
}
