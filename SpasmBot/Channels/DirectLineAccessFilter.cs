namespace SpasmBot.Channels;

/// <summary>
/// Guards the embedded Direct Line routes: the bearer token (or the stream's <c>t=</c>) must be valid, unexpired and
/// issued for the conversation in the route; each token's conversation gets its own rate limit.
/// Statuses follow Direct Line: 401 without a token, 403 for a bad, expired or foreign one.
/// </summary>
public sealed class DirectLineAccessFilter(DirectLineTokens tokens, DirectLineRateLimits limits) : IEndpointFilter
{
    public const string GrantKey = "DirectLine.Grant";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var token = BearerToken(http) ?? http.Request.Query["t"].FirstOrDefault();
        var grant = tokens.Validate(token);
        var limited = DirectLineRateLimits.Check(limits.PerConversation,
            grant is null ? DirectLineRateLimits.ClientKey(http) : "conv:" + grant.ConversationId, http);
        if (limited is not null)
        {
            return limited;
        }
        if (grant is null)
        {
            return string.IsNullOrEmpty(token)
                ? DirectLineErrors.Error(StatusCodes.Status401Unauthorized, "BadArgument", "Missing Authorization: Bearer <token>.")
                : DirectLineErrors.Error(StatusCodes.Status403Forbidden, "TokenExpired", "The token is invalid or has expired.");
        }
        if (http.Request.RouteValues.TryGetValue("conversationId", out var routeId)
            && !string.Equals(routeId as string, grant.ConversationId, StringComparison.Ordinal))
        {
            return DirectLineErrors.Error(StatusCodes.Status403Forbidden, "BadArgument", "The token is not valid for this conversation.");
        }
        http.Items[GrantKey] = grant;
        return await next(context);
    }

    private static string? BearerToken(HttpContext http)
    {
        var header = http.Request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
    }
}
