using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace SpasmBot.Channels;

/// <summary>
/// Token buckets from ASP.NET Core's rate limiting library: one per conversation token (a polling page needs
/// about one request a second) and one per client address for minting tokens (each token opens a conversation).
/// </summary>
public sealed class DirectLineRateLimits : IDisposable
{
    public DirectLineRateLimits(IOptions<DirectLineOptions> options)
    {
        var o = options.Value;
        PerConversation = Buckets(o.RateLimitBurst, TimeSpan.FromSeconds(60.0 / Math.Max(1, o.RateLimitPerMinute)));
        PerClientTokenRequests = Buckets(o.TokenRequestBurst, TimeSpan.FromSeconds(6));
    }

    /// <summary>Keyed by conversation for a valid token, else by client address.</summary>
    public PartitionedRateLimiter<string> PerConversation { get; }

    public PartitionedRateLimiter<string> PerClientTokenRequests { get; }

    private static PartitionedRateLimiter<string> Buckets(int burst, TimeSpan refillEvery)
        => PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(1, burst),
            TokensPerPeriod = 1,
            ReplenishmentPeriod = refillEvery,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    /// <summary>Null when allowed; otherwise the 429 to return.</summary>
    public static IResult? Check(PartitionedRateLimiter<string> limiter, string key, HttpContext http)
    {
        using var lease = limiter.AttemptAcquire(key);
        if (lease.IsAcquired)
        {
            return null;
        }
        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return DirectLineErrors.Error(StatusCodes.Status429TooManyRequests, "TooManyRequests", "Too many requests; slow down.");
    }

    public static string ClientKey(HttpContext http) => "ip:" + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown");

    public void Dispose()
    {
        PerConversation.Dispose();
        PerClientTokenRequests.Dispose();
    }
}

/// <summary>Direct Line's error body: <c>{"error":{"code","message"}}</c>.</summary>
public static class DirectLineErrors
{
    public static IResult Error(int status, string code, string message)
        => Results.Json(new { error = new { code, message } }, statusCode: status);
}
