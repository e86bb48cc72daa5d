using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace SpasmBot.Channels;

/// <summary>The widget's token in Azure mode: Azure's conversation token, obtained server-side with the secret.</summary>
public sealed class AzureDirectLineTokenClient(HttpClient http, IOptions<DirectLineOptions> options)
{
    /// <summary>Exchanges the Direct Line secret for a token bound to one new conversation and user.</summary>
    public async Task<DirectLineTokenResponse> GenerateAsync(string userId, CancellationToken cancellationToken)
    {
        var o = options.Value;
        using var request = new HttpRequestMessage(HttpMethod.Post, o.Endpoint)
        {
            Content = JsonContent.Create(new { user = new { id = userId } }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", o.Secret);
        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"Direct Line token endpoint answered {(int)response.StatusCode}.", null, response.StatusCode);
        }
        var body = await response.Content.ReadFromJsonAsync<DirectLineTokenResponse>(cancellationToken)
            ?? throw new HttpRequestException("Direct Line token endpoint sent no body.");
        if (string.IsNullOrEmpty(body.Token) || string.IsNullOrEmpty(body.ConversationId))
        {
            throw new HttpRequestException("Direct Line token endpoint sent no token.");
        }
        return body with { Domain = DomainOf(o.Endpoint) };
    }

    /// <summary>Where the page's Direct Line client must connect: the endpoint without <c>/tokens/generate</c>.</summary>
    public static string DomainOf(string endpoint)
    {
        const string suffix = "/tokens/generate";
        var trimmed = endpoint.TrimEnd('/');
        return trimmed.EndsWith(suffix, StringComparison.OrdinalIgnoreCase) ? trimmed[..^suffix.Length] : trimmed;
    }
}

/// <summary>The body of <c>POST /api/directline/token</c> (and of Direct Line's token calls).</summary>
public sealed record DirectLineTokenResponse(
    [property: JsonPropertyName("token")] string Token,
    [property: JsonPropertyName("conversationId")] string ConversationId,
    [property: JsonPropertyName("expires_in")] int ExpiresIn)
{
    /// <summary>Azure mode only: the Direct Line base URL the page must use instead of the bot's own.</summary>
    [JsonPropertyName("domain")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Domain { get; init; }
}

/// <summary>Start and reconnect responses (note Direct Line's snake_case <c>expires_in</c>).</summary>
public sealed record DirectLineConversationResponse(
    [property: JsonPropertyName("conversationId")] string ConversationId,
    [property: JsonPropertyName("token")] string Token,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    [property: JsonPropertyName("streamUrl")] string StreamUrl);
