using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace SpasmBot.Protocol;

/// <summary>
/// Posts the bot's replies to the channel: {serviceUrl}/v3/conversations/{id}/activities[/{replyToId}],
/// with the Bot Connector token, retrying 412, 429 and 5xx with jittered backoff that honours Retry-After.
/// </summary>
public sealed class ConnectorClient(HttpClient http, IConnectorTokenProvider tokens, ConnectorRetryPolicy retries, ILogger<ConnectorClient> logger)
{
    public async Task<ResourceResponse> SendAsync(Activity activity, CancellationToken cancellationToken)
    {
        var uri = BuildUri(activity);
        var token = await tokens.GetTokenAsync(cancellationToken);
        var json = JsonSerializer.SerializeToUtf8Bytes(activity, ProtocolJson.Options);

        using var response = await retries.Pipeline.ExecuteAsync(async ct =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, uri);
            request.Content = new ByteArrayContent(json);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            if (token is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }
            return await http.SendAsync(request, ct);
        }, cancellationToken);

        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            logger.LogWarning("The channel refused a reply: {Status} from {Uri}: {Body}", (int)response.StatusCode, uri, body);
            throw new HttpRequestException($"The channel answered {(int)response.StatusCode} to a reply posted to {uri}.", null, response.StatusCode);
        }
        try
        {
            return (string.IsNullOrWhiteSpace(body) ? null : JsonSerializer.Deserialize<ResourceResponse>(body, ProtocolJson.Options)) ?? new ResourceResponse();
        }
        catch (JsonException)
        {
            return new ResourceResponse();
        }
    }

    /// <summary>
    /// serviceUrl + "/" + relative path, so a path prefix such as https://smba.trafficmanager.net/teams/ is kept;
    /// ids are escaped because Teams ids contain ':', ';', '@' and '='.
    /// </summary>
    public static Uri BuildUri(Activity activity)
    {
        if (string.IsNullOrEmpty(activity.ServiceUrl) || !Uri.TryCreate(activity.ServiceUrl.TrimEnd('/') + "/", UriKind.Absolute, out var baseUri))
        {
            throw new InvalidOperationException("The reply has no valid serviceUrl.");
        }
        var conversationId = activity.Conversation?.Id;
        if (string.IsNullOrEmpty(conversationId))
        {
            throw new InvalidOperationException("The reply has no conversation id.");
        }
        var path = $"v3/conversations/{Uri.EscapeDataString(conversationId)}/activities";
        if (!string.IsNullOrEmpty(activity.ReplyToId))
        {
            path += "/" + Uri.EscapeDataString(activity.ReplyToId);
        }
        return new Uri(baseUri, path);
    }
}

/// <summary>The retry pipeline for replies, built once.</summary>
public sealed class ConnectorRetryPolicy
{
    public ConnectorRetryPolicy(IOptions<ConnectorOptions> options, TimeProvider time)
    {
        var o = options.Value;
        Pipeline = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                    .Handle<HttpRequestException>()
                    .HandleResult(IsTransient),
                MaxRetryAttempts = o.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = o.RetryBaseDelay,
                MaxDelay = o.MaxRetryDelay,
                DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result, o.MaxRetryDelay, time)),
            })
            .Build();
    }

    public ResiliencePipeline<HttpResponseMessage> Pipeline { get; }

    /// <summary>Teams throttles with 429 and asks for 412/502/504 to be retried; other 4xx mean a bad request or token.</summary>
    public static bool IsTransient(HttpResponseMessage response)
        => response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.PreconditionFailed || (int)response.StatusCode >= 500;

    private static TimeSpan? RetryAfter(HttpResponseMessage? response, TimeSpan max, TimeProvider time)
    {
        var header = response?.Headers.RetryAfter;
        if (header is null)
        {
            return null; // the exponential backoff decides
        }
        var wait = header.Delta ?? (header.Date - time.GetUtcNow()) ?? TimeSpan.Zero;
        return wait < TimeSpan.Zero ? TimeSpan.Zero : wait > max ? max : wait;
    }
}
