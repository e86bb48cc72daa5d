using System.Text.Json;
using Microsoft.Extensions.Options;
using SpasmBot.Protocol;

namespace SpasmBot.Channels;

/// <summary>
/// The embedded Direct Line 3.0 service under <c>/v3/directline</c> (the same paths as Azure's, so Web Chat and
/// botframework-directlinejs work with <c>domain: "{bot}/v3/directline"</c>), and the widget's token endpoint.
/// </summary>
public static class DirectLineEndpoints
{
    private static readonly HashSet<string> ClientActivityTypes = [ActivityTypes.Message, ActivityTypes.Event, ActivityTypes.Typing];

    public static void MapDirectLine(IEndpointRouteBuilder endpoints, DirectLineOptions options)
    {
        endpoints.MapPost("/api/directline/token", WidgetToken).RequireCors(ChannelsServices.CorsPolicy);
        if (options.IsAzureMode)
        {
            // Azure hosts Direct Line; the bot only mints tokens for its pages.
            return;
        }

        var directLine = endpoints.MapGroup("/v3/directline").RequireCors(ChannelsServices.CorsPolicy);
        directLine.MapPost("/tokens/generate", GenerateWithSecret);
        var guarded = directLine.MapGroup("").AddEndpointFilter<DirectLineAccessFilter>();
        guarded.MapPost("/tokens/refresh", Refresh);
        guarded.MapPost("/conversations", StartConversation);
        guarded.MapGet("/conversations/{conversationId}", Reconnect);
        guarded.MapPost("/conversations/{conversationId}/activities", PostActivity);
        guarded.MapGet("/conversations/{conversationId}/activities", GetActivities);
        guarded.MapGet("/conversations/{conversationId}/stream", Stream);
    }

    /// <summary><c>POST /api/directline/token</c>: a conversation token for a page, in either mode.</summary>
    private static async Task<IResult> WidgetToken(HttpContext http, DirectLineTokens tokens, DirectLineRateLimits limits,
        IOptions<DirectLineOptions> options, IServiceProvider services, ILoggerFactory logs, CancellationToken cancellationToken)
    {
        if (DirectLineRateLimits.Check(limits.PerClientTokenRequests, DirectLineRateLimits.ClientKey(http), http) is { } limited)
        {
            return limited;
        }
        var userId = DirectLineTokens.NewUserId();
        if (!options.Value.IsAzureMode)
        {
            var conversationId = DirectLineTokens.NewConversationId();
            return Results.Json(new DirectLineTokenResponse(tokens.Issue(conversationId, userId), conversationId, tokens.LifetimeSeconds));
        }
        try
        {
            return Results.Json(await services.GetRequiredService<AzureDirectLineTokenClient>().GenerateAsync(userId, cancellationToken));
        }
        catch (HttpRequestException e)
        {
            logs.CreateLogger(typeof(DirectLineEndpoints)).LogError(e, "Could not get a Direct Line token from Azure");
            return DirectLineErrors.Error(StatusCodes.Status502BadGateway, "ServiceError", "The chat service is unavailable; try again later.");
        }
    }

    /// <summary><c>POST tokens/generate</c> with <c>DirectLine:EmbeddedSecret</c>: for server-side clients.</summary>
    private static IResult GenerateWithSecret(HttpContext http, DirectLineTokens tokens, DirectLineRateLimits limits, IOptions<DirectLineOptions> options)
    {
        if (DirectLineRateLimits.Check(limits.PerClientTokenRequests, DirectLineRateLimits.ClientKey(http), http) is { } limited)
        {
            return limited;
        }
        var secret = options.Value.EmbeddedSecret;
        var header = http.Request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(secret) || !FixedTimeEquals(header, "Bearer " + secret))
        {
            return DirectLineErrors.Error(StatusCodes.Status403Forbidden, "BadArgument",
                "tokens/generate needs DirectLine:EmbeddedSecret; pages get tokens from POST /api/directline/token.");
        }
        var conversationId = DirectLineTokens.NewConversationId();
        return Results.Json(new DirectLineTokenResponse(tokens.Issue(conversationId, DirectLineTokens.NewUserId()), conversationId, tokens.LifetimeSeconds));
    }

    /// <summary><c>POST tokens/refresh</c>: a new token for the same conversation and user; expired tokens cannot refresh.</summary>
    private static IResult Refresh(HttpContext http, DirectLineTokens tokens)
    {
        var grant = GrantOf(http);
        return Results.Json(new DirectLineTokenResponse(tokens.Issue(grant.ConversationId, grant.UserId), grant.ConversationId, tokens.LifetimeSeconds));
    }

    /// <summary><c>POST conversations</c>: starts the token's conversation (201), or returns it if already started (200).</summary>
    private static async Task<IResult> StartConversation(HttpContext http, DirectLineTokens tokens, DirectLineConversations conversations,
        DirectLineTurns turns, CancellationToken cancellationToken)
    {
        var grant = GrantOf(http);
        var (conversation, created) = conversations.GetOrStart(grant.ConversationId, grant.UserId);
        if (conversation is null)
        {
            return DirectLineErrors.Error(StatusCodes.Status503ServiceUnavailable, "ServiceError", "Too many conversations; try again later.");
        }
        if (created)
        {
            await turns.StartAsync(conversation, ServiceUrl(http), cancellationToken);
        }
        var body = ConversationResponse(http, tokens, grant, watermark: null);
        return created ? Results.Json(body, statusCode: StatusCodes.Status201Created) : Results.Json(body);
    }

    /// <summary><c>GET conversations/{id}?watermark=</c>: a fresh token and stream URL for a conversation the page already has.</summary>
    private static IResult Reconnect(HttpContext http, string conversationId, string? watermark, DirectLineTokens tokens, DirectLineConversations conversations)
    {
        var grant = GrantOf(http);
        return conversations.Find(conversationId) is null
            ? ConversationNotFound()
            : Results.Json(ConversationResponse(http, tokens, grant, watermark));
    }

    /// <summary><c>POST conversations/{id}/activities</c>: one activity from the page; answers <c>{"id"}</c> once the bot has had its turn.</summary>
    private static async Task<IResult> PostActivity(HttpContext http, string conversationId, DirectLineConversations conversations,
        DirectLineTurns turns, IOptions<DirectLineOptions> options, ILoggerFactory logs, CancellationToken cancellationToken)
    {
        var conversation = conversations.Find(conversationId);
        if (conversation is null)
        {
            return ConversationNotFound();
        }
        var (activity, problem) = await ReadActivityAsync(http, options.Value.MaxActivityBytes, cancellationToken);
        if (activity is null)
        {
            return problem!;
        }
        try
        {
            var id = await turns.PostAsync(conversation, activity, ServiceUrl(http), cancellationToken);
            return Results.Json(new ResourceResponse { Id = id }, ProtocolJson.Options);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // As Azure does when the bot fails: 502. The visitor's message is already in the log.
            logs.CreateLogger(typeof(DirectLineEndpoints)).LogError(e, "The bot failed a Direct Line turn");
            return DirectLineErrors.Error(StatusCodes.Status502BadGateway, "BotError", "The bot could not process the activity.");
        }
    }

    /// <summary><c>GET conversations/{id}/activities?watermark=</c>: the next page of the log.</summary>
    private static IResult GetActivities(string conversationId, string? watermark, DirectLineConversations conversations, IOptions<DirectLineOptions> options)
    {
        var conversation = conversations.Find(conversationId);
        return conversation is null
            ? ConversationNotFound()
            : Results.Json(conversation.After(watermark, options.Value.MaxActivitiesPerGet), ProtocolJson.Options);
    }

    /// <summary>The <c>streamUrl</c>: a WebSocket of ActivitySets.</summary>
    private static async Task Stream(HttpContext http, string conversationId, string? watermark, DirectLineConversations conversations, DirectLineStream stream)
    {
        var conversation = conversations.Find(conversationId);
        if (conversation is null)
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        if (!http.WebSockets.IsWebSocketRequest)
        {
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            await http.Response.WriteAsync("Connect with a WebSocket.", http.RequestAborted);
            return;
        }
        using var socket = await http.WebSockets.AcceptWebSocketAsync();
        await stream.RunAsync(socket, conversation, watermark, http.RequestAborted);
    }

    private static async Task<(Activity? Activity, IResult? Problem)> ReadActivityAsync(HttpContext http, int maxBytes, CancellationToken cancellationToken)
    {
        if (http.Request.ContentLength > maxBytes)
        {
            return (null, DirectLineErrors.Error(StatusCodes.Status413PayloadTooLarge, "BadArgument", $"Activities are limited to {maxBytes} bytes."));
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await http.Request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > maxBytes)
            {
                return (null, DirectLineErrors.Error(StatusCodes.Status413PayloadTooLarge, "BadArgument", $"Activities are limited to {maxBytes} bytes."));
            }
        }
        Activity? activity;
        try
        {
            activity = JsonSerializer.Deserialize<Activity>(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), ProtocolJson.Options);
        }
        catch (JsonException)
        {
            activity = null;
        }
        if (activity is null || string.IsNullOrEmpty(activity.Type))
        {
            return (null, DirectLineErrors.Error(StatusCodes.Status400BadRequest, "BadArgument", "The body must be one activity with a type."));
        }
        // What a Direct Line client may send; channel-only types (conversationUpdate, invoke, ...) are not a page's to fake.
        return ClientActivityTypes.Contains(activity.Type)
            ? (activity, null)
            : (null, DirectLineErrors.Error(StatusCodes.Status400BadRequest, "BadArgument", $"Clients may send message, event or typing activities, not '{activity.Type}'."));
    }

    private static DirectLineConversationResponse ConversationResponse(HttpContext http, DirectLineTokens tokens, DirectLineGrant grant, string? watermark)
    {
        var token = tokens.Issue(grant.ConversationId, grant.UserId);
        var request = http.Request;
        var scheme = request.IsHttps ? "wss" : "ws";
        var streamUrl = $"{scheme}://{request.Host}{request.PathBase}/v3/directline/conversations/{Uri.EscapeDataString(grant.ConversationId)}/stream"
            + $"?watermark={Uri.EscapeDataString(watermark ?? "")}&t={Uri.EscapeDataString(token)}";
        return new DirectLineConversationResponse(grant.ConversationId, token, tokens.LifetimeSeconds, streamUrl);
    }

    private static string ServiceUrl(HttpContext http) => $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}/v3/directline";

    private static DirectLineGrant GrantOf(HttpContext http) => (DirectLineGrant)http.Items[DirectLineAccessFilter.GrantKey]!;

    private static IResult ConversationNotFound()
        => DirectLineErrors.Error(StatusCodes.Status404NotFound, "BadArgument", "Conversation not found or expired.");

    private static bool FixedTimeEquals(string a, string b)
        => System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.UTF8.GetBytes(a), System.Text.Encoding.UTF8.GetBytes(b));
}
