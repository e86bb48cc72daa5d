using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using SpasmBot.Protocol;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace SpasmBot.Tests.Protocol;

/// <summary>A bot whose turn is a lambda, so each test says what the bot does.</summary>
internal sealed class DelegateBot(Func<ITurnContext, CancellationToken, Task> onTurn) : IBot
{
    public Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken) => onTurn(turnContext, cancellationToken);

    /// <summary>Echoes the text back, then a trace, like the real bot's decision trace.</summary>
    public static DelegateBot Echo() => new(async (turn, ct) =>
    {
        if (turn.Activity.Type != ActivityTypes.Message)
        {
            return;
        }
        await turn.SendActivityAsync(new Activity { Type = ActivityTypes.Message, Text = "echo: " + turn.Activity.Text }, ct);
        await turn.SendActivityAsync(turn.Activity.CreateTrace("SpasmBot.Decision", new { route = "answer" }, "https://spasmbot/decision"), ct);
    });
}

/// <summary>The real host in memory, with a test bot and optional service and setting overrides.</summary>
internal static class TestBotHost
{
    public static WebApplicationFactory<Program> Create(
        IBot bot,
        Action<IServiceCollection>? services = null,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        return new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("MicrosoftAppId", "");
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
            foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            {
                builder.UseSetting(key, value);
            }
            builder.ConfigureTestServices(s =>
            {
                s.AddSingleton(bot);
                services?.Invoke(s);
            });
        });
    }

    public static string MessageJson(string text, string channelId = "emulator", string deliveryMode = "expectReplies", string id = "act-1",
        string serviceUrl = "http://localhost:50000")
        => JsonSerializer.Serialize(new
        {
            type = "message",
            id,
            channelId,
            serviceUrl,
            deliveryMode,
            text,
            from = new { id = "user-1", name = "Visitor" },
            recipient = new { id = "bot-1", name = "SpasmBot" },
            conversation = new { id = "conv-1" },
        });

    public static Task<HttpResponseMessage> PostAsync(HttpClient client, string json, string? bearer = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        if (bearer is not null)
        {
            request.Headers.Authorization = new("Bearer", bearer);
        }
        return client.SendAsync(request);
    }

    public static async Task<List<Activity>> RepliesAsync(HttpResponseMessage response)
    {
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var replies = await response.Content.ReadFromJsonAsync<ExpectedReplies>(ProtocolJson.Options);
        return replies!.Activities;
    }
}
