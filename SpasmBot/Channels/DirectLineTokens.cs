using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace SpasmBot.Channels;

/// <summary>What a valid embedded Direct Line token grants: one conversation, as one user, until it expires.</summary>
public sealed record DirectLineGrant(string ConversationId, string UserId, DateTimeOffset Expires);

/// <summary>
/// Issues and checks embedded Direct Line tokens: HS256 JWTs with the same claims as Azure's
/// (<c>conv</c>, <c>user</c>, <c>bot</c>, <c>exp</c>). Web Chat reads <c>user</c> from the token to know which
/// messages are the visitor's, so the token must be a JWT, not an opaque string.
/// </summary>
public sealed class DirectLineTokens
{
    private const string Issuer = "spasmbot-directline";
    private static readonly string Header = Base64Url("""{"alg":"HS256","typ":"JWT"}"""u8);

    private readonly byte[] _key;
    private readonly TimeProvider _time;
    private readonly DirectLineOptions _options;

    public DirectLineTokens(IOptions<DirectLineOptions> options, TimeProvider time)
    {
        _options = options.Value;
        _time = time;
        // Without a configured key, tokens die with the process, like the in-memory conversations they open.
        _key = string.IsNullOrWhiteSpace(_options.TokenSigningKey)
            ? RandomNumberGenerator.GetBytes(32)
            : Convert.FromBase64String(_options.TokenSigningKey);
        if (_key.Length < 32)
        {
            throw new InvalidOperationException("DirectLine:TokenSigningKey must be base64 of at least 32 bytes.");
        }
    }

    public int LifetimeSeconds => _options.TokenLifetimeSeconds;

    public static string NewConversationId() => Base64Url(RandomNumberGenerator.GetBytes(18));

    /// <summary>Direct Line reserves the <c>dl_</c> prefix for user ids that only a token can carry.</summary>
    public static string NewUserId() => "dl_" + Base64Url(RandomNumberGenerator.GetBytes(12));

    public string Issue(string conversationId, string userId)
    {
        var now = _time.GetUtcNow().ToUnixTimeSeconds();
        var claims = new TokenClaims(_options.BotId, conversationId, userId, Issuer, now, now, now + _options.TokenLifetimeSeconds);
        var payload = Base64Url(JsonSerializer.SerializeToUtf8Bytes(claims));
        return $"{Header}.{payload}.{Sign($"{Header}.{payload}")}";
    }

    /// <summary>The grant of a well-formed, correctly signed, unexpired token; otherwise null.</summary>
    public DirectLineGrant? Validate(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 2048)
        {
            return null;
        }
        var parts = token.Split('.');
        if (parts.Length != 3 || parts[0] != Header)
        {
            return null;
        }
        var expected = Encoding.ASCII.GetBytes(Sign($"{parts[0]}.{parts[1]}"));
        if (!CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(parts[2])))
        {
            return null;
        }
        TokenClaims? claims;
        try
        {
            claims = JsonSerializer.Deserialize<TokenClaims>(FromBase64Url(parts[1]));
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            return null;
        }
        if (claims is null || claims.Iss != Issuer || string.IsNullOrEmpty(claims.Conv) || string.IsNullOrEmpty(claims.User))
        {
            return null;
        }
        var expires = DateTimeOffset.FromUnixTimeSeconds(claims.Exp);
        return _time.GetUtcNow() >= expires ? null : new DirectLineGrant(claims.Conv, claims.User, expires);
    }

    private string Sign(string data) => Base64Url(HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(data)));

    private static string Base64Url(ReadOnlySpan<byte> bytes)
        => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] FromBase64Url(string text)
    {
        var s = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s.PadRight(s.Length + (4 - s.Length % 4) % 4, '='));
    }

    private sealed record TokenClaims(
        [property: JsonPropertyName("bot")] string Bot,
        [property: JsonPropertyName("conv")] string Conv,
        [property: JsonPropertyName("user")] string User,
        [property: JsonPropertyName("iss")] string Iss,
        [property: JsonPropertyName("iat")] long Iat,
        [property: JsonPropertyName("nbf")] long Nbf,
        [property: JsonPropertyName("exp")] long Exp);
}
