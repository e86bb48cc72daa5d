using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SpasmBot.Conversation;
using SpasmBot.Protocol;
using SpasmBot.Tests.Operators;
using SpasmBot.Transcripts;

namespace SpasmBot.Tests.Proof;

/// <summary>
/// The whole product in memory (real bot, knowledge, safety, transcripts in a private SQLite store, console,
/// Direct Line), with the checks every hostile case ends with: the host still answers, and what should not be
/// logged was not. Built on the operators' <see cref="ConsoleFactory"/>.
/// </summary>
public sealed class ProofHost : IAsyncLifetime
{
    public static readonly HashSet<string> KnownRoutes =
    [
        Routes.Welcome, Routes.Answer, Routes.Clarify, Routes.NoAnswer, Routes.ChitChat, Routes.Feedback,
        Routes.Emergency, Routes.Crisis, Routes.Urgent, Routes.Triage,
    ];

    public ConsoleFactory Factory { get; } = new();

    public HttpClient Client { get; private set; } = null!;

    public ITranscriptStore Store => Factory.Store;

    /// <summary>The conversation as logged, once the store has caught up with the journal.</summary>
    public async Task<ConversationDetail?> LoggedAsync(string conversationId)
    {
        await ConsoleFactory.TranscriptsStoredAsync(Factory.Services);
        return await Store.GetAsync(conversationId);
    }

    public Task InitializeAsync()
    {
        Client = Factory.Client();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await Factory.DisposeAsync();

    /// <summary>A message activity as the Emulator sends it (the emulator channel also receives the decision trace).</summary>
    public static JsonObject Message(string conversationId, string? text, string channelId = "emulator") => new()
    {
        ["type"] = "message",
        ["id"] = Guid.NewGuid().ToString("N"),
        ["channelId"] = channelId,
        ["serviceUrl"] = "http://localhost:50000",
        ["deliveryMode"] = "expectReplies",
        ["text"] = text,
        ["from"] = new JsonObject { ["id"] = "visitor-" + conversationId, ["name"] = "Visitor" },
        ["recipient"] = new JsonObject { ["id"] = "spasmbot", ["name"] = "SpasmBot" },
        ["conversation"] = new JsonObject { ["id"] = conversationId },
    };

    public static string NewConversationId(string purpose) => $"proof-{purpose}-{Guid.NewGuid():N}";

    public Task<HttpResponseMessage> PostAsync(byte[] body, string? contentType = "application/json")
    {
        var content = new ByteArrayContent(body);
        if (contentType is not null)
        {
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }
        return Client.PostAsync("/api/messages", content);
    }

    public Task<HttpResponseMessage> PostAsync(JsonNode activity) => PostAsync(Encoding.UTF8.GetBytes(activity.ToJsonString()));

    public static async Task<List<Activity>> RepliesAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var replies = await response.Content.ReadFromJsonAsync<ExpectedReplies>(ProtocolJson.Options);
        return replies!.Activities;
    }

    /// <summary>Exactly one decision trace with a known route, and no apology (which would mean the turn threw).</summary>
    public static Decision AssertOneDecision(IReadOnlyList<Activity> replies)
    {
        Assert.DoesNotContain(replies, a => a.Text == BotTurnRunner.ApologyText);
        var traces = replies.Where(a => a.Type == ActivityTypes.Trace && a.Name == Decision.TraceName).ToList();
        var trace = Assert.Single(traces);
        var decision = ((JsonElement)trace.Value!).Deserialize<Decision>(ProtocolJson.Options)!;
        Assert.Contains(decision.Route, KnownRoutes);
        return decision;
    }

    /// <summary>A normal question in a fresh conversation still gets a real answer.</summary>
    public async Task AssertStillServingAsync()
    {
        var replies = await RepliesAsync(await PostAsync(Message(NewConversationId("follow-up"), "how do I sleep with a back spasm")));
        Assert.Contains(replies, a => a.Type == ActivityTypes.Message && (a.Attachments?.Count > 0 || !string.IsNullOrEmpty(a.Text)));
        Assert.Equal(Routes.Answer, AssertOneDecision(replies).Route);
    }

    /// <summary>
    /// Nothing was logged for <paramref name="conversationId"/>. A turn's 200 is sent only after its log is in the
    /// journal, which is stored in order, so once a later turn is acknowledged and the store has caught up, anything
    /// logged before it would be visible.
    /// </summary>
    public async Task AssertNotLoggedAsync(string conversationId)
    {
        await AssertStillServingAsync();
        Assert.Null(await LoggedAsync(conversationId));
    }
}
