using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using SpasmBot.Tests.Operators;
using SpasmBot.Transcripts;

namespace SpasmBot.Tests.Proof;

/// <summary>
/// The whole product with the embedded Direct Line on a known token signing key, so the tests can mint the tokens an
/// attacker might try (expired, re-signed, re-targeted). Rate limits are raised: these tests count answers, not 429s.
/// </summary>
public sealed class DirectLineProofHost : IAsyncLifetime
{
    public static readonly byte[] SigningKey = RandomNumberGenerator.GetBytes(32);

    private readonly ConsoleFactory _console = new();

    public WebApplicationFactory<Program> Factory { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public ITranscriptStore Store => Factory.Services.GetRequiredService<ITranscriptStore>();

    public Task InitializeAsync()
    {
        Factory = _console.WithWebHostBuilder(builder =>
        {
            builder.UseSetting("DirectLine:TokenSigningKey", Convert.ToBase64String(SigningKey));
            builder.UseSetting("DirectLine:RateLimitBurst", "100000");
            builder.UseSetting("DirectLine:TokenRequestBurst", "100000");
        });
        Client = Factory.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await _console.DisposeAsync();
    }

    /// <summary>A page's token and its started conversation.</summary>
    public async Task<(string Token, string ConversationId)> StartAsync()
    {
        var issued = await (await Client.PostAsync("/api/directline/token", null)).Content.ReadFromJsonAsync<JsonElement>();
        var token = issued.GetProperty("token").GetString()!;
        var conversationId = issued.GetProperty("conversationId").GetString()!;
        var started = await SendAsync(HttpMethod.Post, "/v3/directline/conversations", token);
        started.EnsureSuccessStatusCode();
        return (token, conversationId);
    }

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? token, byte[]? body = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
        }
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }
        return Client.SendAsync(request);
    }

    public Task<HttpResponseMessage> PostTextAsync(string token, string conversationId, string text) =>
        SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{conversationId}/activities", token,
            Encoding.UTF8.GetBytes(new JsonObject { ["type"] = "message", ["text"] = text, ["from"] = new JsonObject { ["id"] = "page-user" } }.ToJsonString()));

    /// <summary>Message texts the bot has sent in the conversation so far.</summary>
    public async Task<List<string>> BotMessagesAsync(string token, string conversationId)
    {
        var response = await SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{conversationId}/activities", token);
        response.EnsureSuccessStatusCode();
        var set = await response.Content.ReadFromJsonAsync<JsonElement>();
        return set.GetProperty("activities").EnumerateArray()
            .Where(a => a.GetProperty("type").GetString() == "message" && a.GetProperty("from").GetProperty("id").GetString() != "page-user"
                        && !(a.GetProperty("from").GetProperty("id").GetString() ?? "").StartsWith("dl_", StringComparison.Ordinal))
            .Select(a => a.GetRawText()).ToList();
    }

    /// <summary>Visitor messages logged for the conversation.</summary>
    public async Task<int> LoggedVisitorMessagesAsync(string conversationId)
    {
        await ConsoleFactory.TranscriptsStoredAsync(Factory.Services);
        return (await Store.GetAsync(conversationId))?.Messages.Count(m => m.Direction == "in" && m.ActivityType == "message") ?? 0;
    }

    /// <summary>A token shaped like the embedded Direct Line's, with whatever claims, header and key the test chooses.</summary>
    public static string Mint(string conversationId, string userId, DateTimeOffset expires, byte[]? key = null,
        string header = """{"alg":"HS256","typ":"JWT"}""", string issuer = "spasmbot-directline")
    {
        var now = DateTimeOffset.UtcNow.AddMinutes(-40).ToUnixTimeSeconds();
        var claims = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["bot"] = "", ["conv"] = conversationId, ["user"] = userId, ["iss"] = issuer, ["iat"] = now, ["nbf"] = now, ["exp"] = expires.ToUnixTimeSeconds(),
        });
        var unsigned = Base64Url(Encoding.UTF8.GetBytes(header)) + "." + Base64Url(Encoding.UTF8.GetBytes(claims));
        return unsigned + "." + Base64Url(HMACSHA256.HashData(key ?? SigningKey, Encoding.ASCII.GetBytes(unsigned)));
    }

    public static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string UserOf(string token) =>
        JsonDocument.Parse(Convert.FromBase64String(Pad(token.Split('.')[1].Replace('-', '+').Replace('_', '/')))).RootElement.GetProperty("user").GetString()!;

    private static string Pad(string s) => s.PadRight(s.Length + (4 - s.Length % 4) % 4, '=');
}
