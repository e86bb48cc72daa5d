using System.Buffers;
using System.Text.Json;
using System.Text.Unicode;

namespace SpasmBot.Protocol;

/// <summary>
/// POST /api/messages, in the SDK's order: read the body (256 KB at most), authenticate, parse the activity,
/// check it against the token, run the turn, then answer: the invoke response, the buffered replies for
/// expectReplies, or an empty 200 (replies went to the serviceUrl while the turn ran).
/// </summary>
internal static class BotMessagesEndpoint
{
    public const int MaxBodyBytes = 256 * 1024;

    public static async Task<IResult> HandleAsync(HttpContext http, BotTurnRunner runner, BotRequestAuthenticator authenticator)
    {
        var request = http.Request;
        var cancellationToken = http.RequestAborted;
        if (request.ContentLength > MaxBodyBytes)
        {
            return TooLarge();
        }
        var body = await ReadBodyAsync(request.Body, request.ContentLength, cancellationToken);
        if (body is null)
        {
            return TooLarge();
        }

        // Authenticate before parsing: an unauthenticated caller never reaches the JSON reader.
        var authentication = await authenticator.AuthenticateAsync(request.Headers.Authorization, cancellationToken);
        if (authentication.Caller is not { } caller)
        {
            return AuthFailure(http, authentication);
        }

        var (activity, problem) = Parse(body);
        if (activity is null)
        {
            return problem!;
        }

        if (BotRequestAuthenticator.CheckActivity(caller, activity) is { } rejected)
        {
            return AuthFailure(http, rejected);
        }

        var expectReplies = string.Equals(activity.DeliveryMode, "expectReplies", StringComparison.OrdinalIgnoreCase);
        if (expectReplies)
        {
            var buffer = new BufferedReplySink();
            var invokeResponse = await runner.RunTurnAsync(activity, buffer, cancellationToken);
            var replies = new ExpectedReplies { Activities = buffer.Activities, Body = invokeResponse?.Body };
            return Results.Json(replies, ProtocolJson.Options, statusCode: invokeResponse?.Status ?? StatusCodes.Status200OK);
        }

        if (ServiceUrlProblem(activity, caller) is { } serviceUrlProblem)
        {
            return BadRequest(serviceUrlProblem);
        }

        var sink = new ConnectorReplySink(http.RequestServices.GetRequiredService<ConnectorClient>());
        var invoke = await runner.RunTurnAsync(activity, sink, cancellationToken);
        if (invoke is null)
        {
            return Results.Ok();
        }
        return invoke.Body is null
            ? Results.StatusCode(invoke.Status)
            : Results.Json(invoke.Body, ProtocolJson.Options, statusCode: invoke.Status);
    }

    /// <summary>Reads at most <see cref="MaxBodyBytes"/>, whatever Content-Length claimed (or chunked bodies); null when larger.</summary>
    private static async Task<byte[]?> ReadBodyAsync(Stream body, long? contentLength, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream((int)Math.Min(contentLength ?? 4096, MaxBodyBytes));
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > MaxBodyBytes)
                {
                    return null;
                }
                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
        return buffer.Length == buffer.Capacity ? buffer.GetBuffer() : buffer.ToArray();
    }

    internal static (Activity? Activity, IResult? Problem) Parse(ReadOnlySpan<byte> body)
    {
        if (body.StartsWith("\uFEFF"u8))
        {
            body = body[3..];
        }
        if (!Utf8.IsValid(body))
        {
            return (null, BadRequest("The body is not valid UTF-8."));
        }

        Activity? activity;
        try
        {
            activity = JsonSerializer.Deserialize<Activity>(body, ProtocolJson.Options);
        }
        catch (JsonException ex)
        {
            // The reader's message names the line and position (or the depth limit), which helps the sender.
            return (null, BadRequest($"The body is not a JSON activity: {ex.Message}"));
        }

        if (activity is null)
        {
            return (null, BadRequest("The body must be a JSON object."));
        }
        if (string.IsNullOrWhiteSpace(activity.Type))
        {
            return (null, BadRequest("The activity has no 'type'."));
        }
        if (string.IsNullOrWhiteSpace(activity.Conversation?.Id))
        {
            return (null, BadRequest("The activity has no 'conversation.id'."));
        }
        return (activity, null);
    }

    /// <summary>
    /// Replies go to the activity's serviceUrl. With a Bot Connector token, its serviceurl claim vouched for it;
    /// without authentication anyone could make the bot POST anywhere, so only loopback addresses (Emulator,
    /// local tools) are allowed then (protocol.md §3.5).
    /// </summary>
    private static string? ServiceUrlProblem(Activity activity, BotCaller caller)
    {
        if (!Uri.TryCreate(activity.ServiceUrl, UriKind.Absolute, out var serviceUrl)
            || (serviceUrl.Scheme != Uri.UriSchemeHttps && serviceUrl.Scheme != Uri.UriSchemeHttp))
        {
            return "The activity needs an absolute http(s) 'serviceUrl' to receive replies (or deliveryMode 'expectReplies').";
        }
        if (caller.IsAnonymous && !serviceUrl.IsLoopback)
        {
            return "Without a MicrosoftAppId the bot only replies to a loopback serviceUrl (or use deliveryMode 'expectReplies').";
        }
        return null;
    }

    private static IResult BadRequest(string detail)
        => Results.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Invalid activity");

    private static IResult TooLarge()
        => Results.Problem($"The body is larger than {MaxBodyBytes / 1024} KB.", statusCode: StatusCodes.Status413PayloadTooLarge, title: "Activity too large");

    private static IResult AuthFailure(HttpContext http, BotAuthenticationResult result)
    {
        if (result.FailureStatus == StatusCodes.Status401Unauthorized)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer";
        }
        return Results.Problem(result.Failure, statusCode: result.FailureStatus,
            title: result.FailureStatus == StatusCodes.Status403Forbidden ? "Forbidden" : "Unauthorized");
    }
}
