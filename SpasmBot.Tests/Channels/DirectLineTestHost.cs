using Microsoft.AspNetCore.Hosting;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using SpasmBot.Protocol;

namespace SpasmBot.Tests.Channels;

/// <summary>A clock the tests move by hand, to reach token and conversation expiry without waiting.</summary>
internal sealed class ManualClock : TimeProvider
{
    private DateTimeOffset _now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    public override DateTimeOffset GetUtcNow() => _now;
    public void Advance(TimeSpan by) => _now += by;
}

/// <summary>
/// A stand-in for the conversation: welcomes the visitor, echoes text, reports card submits, so the Direct Line
/// tests check the transport, not the bot's words.
/// </summary>
internal sealed class WidgetTestBot : IBot
{
    public List<Activity> Received { get; } = [];

    public async Task OnTurnAsync(ITurnContext turn, CancellationToken cancellationToken)
    {
        var activity = turn.Activity;
        lock (Received)
        {
            Received.Add(activity);
        }
        if (activity.Type == ActivityTypes.ConversationUpdate && activity.MembersAdded?.Any(m => m.Id != activity.Recipient?.Id) == true)
        {
            await turn.SendActivityAsync(activity.CreateReply("Welcome! I am not a doctor."), cancellationToken);
        }
        else if (activity.Type == ActivityTypes.Message && activity.Text == "card please")
        {
            // Shaped like the real answer card: the answer, its source, and feedback buttons posting back data.
            var reply = activity.CreateReply();
            reply.Attachments = [new Attachment
            {
                ContentType = "application/vnd.microsoft.card.adaptive",
                Content = JsonDocument.Parse("""
                    {"type":"AdaptiveCard","$schema":"http://adaptivecards.io/schemas/adaptive-card.json","version":"1.5",
                     "body":[{"type":"TextBlock","text":"Gentle movement usually helps.","wrap":true},
                             {"type":"TextBlock","text":"Source: test leaflet","isSubtle":true,"wrap":true}],
                     "actions":[{"type":"Action.Submit","title":"Helpful","data":{"action":"feedback","faqId":"f1","helpful":true}},
                                {"type":"Action.Submit","title":"Not helpful","data":{"action":"feedback","faqId":"f1","helpful":false}}]}
                    """).RootElement,
            }];
            await turn.SendActivityAsync(reply, cancellationToken);
        }
        else if (activity.Type == ActivityTypes.Message && activity.Value is JsonElement value)
        {
            await turn.SendActivityAsync(activity.CreateReply("Got your feedback: " + value.GetRawText()), cancellationToken);
        }
        else if (activity.Type == ActivityTypes.Message)
        {
            await turn.SendActivityAsync(activity.CreateReply("You said: " + activity.Text), cancellationToken);
        }
    }
}

internal sealed class DirectLineTestHost : IDisposable
{
    public WebApplicationFactory<Program> Factory { get; }
    public HttpClient Client { get; }
    public ManualClock Clock { get; } = new();
    public WidgetTestBot Bot { get; } = new();

    public DirectLineTestHost(IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        Factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("MicrosoftAppId", "");
            // These tests replace the bot, so the real bot's dependencies need not all be registered yet.
            builder.UseDefaultServiceProvider(o => o.ValidateOnBuild = false);
            foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            {
                builder.UseSetting(key, value);
            }
            builder.ConfigureTestServices(s =>
            {
                s.AddSingleton<IBot>(Bot);
                s.AddSingleton<TimeProvider>(Clock);
                services?.Invoke(s);
            });
        });
        Client = Factory.CreateClient();
    }

    public async Task<TokenBody> NewTokenAsync()
    {
        var response = await Client.PostAsync("/api/directline/token", null);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<TokenBody>())!;
    }

    /// <summary>A started conversation, as Web Chat has it after its first call.</summary>
    public async Task<TokenBody> StartAsync()
    {
        var token = await NewTokenAsync();
        var response = await SendAsync(HttpMethod.Post, "/v3/directline/conversations", token.Token);
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return token;
    }

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? token, object? body = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        if (body is not null)
        {
            request.Content = new StringContent(body as string ?? JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
        }
        return Client.SendAsync(request);
    }

    public Task<HttpResponseMessage> PostMessageAsync(TokenBody conversation, string text, string clientActivityId = "client-1")
        => SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{conversation.ConversationId}/activities", conversation.Token, new
        {
            type = "message",
            text,
            from = new { id = "someone-else", name = "Visitor", role = "user" },
            channelData = new { clientActivityID = clientActivityId },
        });

    public async Task<ActivitySetBody> GetActivitiesAsync(TokenBody conversation, string? watermark = "")
    {
        var response = await SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{conversation.ConversationId}/activities?watermark={watermark}", conversation.Token);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<ActivitySetBody>(ProtocolJson.Options))!;
    }

    public void Dispose()
    {
        Client.Dispose();
        Factory.Dispose();
    }
}

internal sealed record TokenBody(
    [property: System.Text.Json.Serialization.JsonPropertyName("token")] string Token,
    [property: System.Text.Json.Serialization.JsonPropertyName("conversationId")] string ConversationId,
    [property: System.Text.Json.Serialization.JsonPropertyName("expires_in")] int ExpiresIn,
    [property: System.Text.Json.Serialization.JsonPropertyName("streamUrl")] string? StreamUrl = null,
    [property: System.Text.Json.Serialization.JsonPropertyName("domain")] string? Domain = null);

internal sealed record ActivitySetBody(List<Activity> Activities, string? Watermark);
