using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using Microsoft.Extensions.Options;
using System.Text.Json;

namespace SpasmBot.Protocol;

/// <summary>Who sent a request to /api/messages, once its token was checked.</summary>
public sealed class BotCaller
{
    public static readonly BotCaller Anonymous = new() { IsAnonymous = true };

    public bool IsAnonymous { get; init; }

    /// <summary>True for Bot Connector tokens (Azure Bot Service channels); false for the Emulator's Entra tokens.</summary>
    public bool IsBotConnector { get; init; }

    public string? ServiceUrlClaim { get; init; }

    /// <summary>Channel ids the signing key is endorsed for; empty when the key carries none.</summary>
    public IReadOnlyList<string> Endorsements { get; init; } = [];
}

public sealed record BotAuthenticationResult(BotCaller? Caller, int FailureStatus = 0, string? Failure = null)
{
    public bool Succeeded => Caller is not null;

    public static BotAuthenticationResult Fail(string reason, int status = StatusCodes.Status401Unauthorized) => new(null, status, reason);
}

/// <summary>
/// Checks the Bot Connector JWT on /api/messages (protocol.md §2.2): keys from the OpenID metadata (cached,
/// refreshed), issuer, audience = app id, lifetime with 5 minutes of skew, RS256/384/512; then, against the
/// activity, the serviceurl claim and the signing key's channel endorsements.
/// </summary>
public sealed class BotRequestAuthenticator
{
    private static readonly string[] EmulatorIssuers =
    [
        "https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/",
        "https://login.microsoftonline.com/d6d49420-f39b-4df7-a1dc-d59a935871db/v2.0",
        "https://sts.windows.net/f8cdef31-a31e-4b4a-93e4-5f571e91255a/",
        "https://login.microsoftonline.com/f8cdef31-a31e-4b4a-93e4-5f571e91255a/v2.0",
    ];

    private readonly BotAuthenticationOptions _options;
    private readonly ILogger<BotRequestAuthenticator> _logger;
    private readonly JsonWebTokenHandler _handler = new();
    private readonly SigningKeys? _botConnectorKeys;
    private readonly SigningKeys? _emulatorKeys;
    private readonly HashSet<string> _emulatorIssuers = new(EmulatorIssuers, StringComparer.Ordinal);

    public BotRequestAuthenticator(IOptions<BotAuthenticationOptions> options, IHttpClientFactory httpClients, ILogger<BotRequestAuthenticator> logger)
    {
        _options = options.Value;
        _logger = logger;
        if (!_options.IsAuthenticationEnabled)
        {
            return;
        }

        var http = httpClients.CreateClient(MetadataHttpClientName);
        _botConnectorKeys = new SigningKeys(_options.OpenIdMetadataUrl, http, _options.MetadataRefreshInterval);
        if (!string.IsNullOrWhiteSpace(_options.EmulatorOpenIdMetadataUrl))
        {
            _emulatorKeys = new SigningKeys(_options.EmulatorOpenIdMetadataUrl, http, _options.MetadataRefreshInterval);
            if (_options.IsSingleTenant && !string.IsNullOrWhiteSpace(_options.MicrosoftAppTenantId))
            {
                _emulatorIssuers.Add($"https://sts.windows.net/{_options.MicrosoftAppTenantId}/");
                _emulatorIssuers.Add($"https://login.microsoftonline.com/{_options.MicrosoftAppTenantId}/v2.0");
            }
        }
    }

    /// <summary>The named HttpClient that fetches OpenID metadata and keys (a test seam).</summary>
    public const string MetadataHttpClientName = "BotFramework.OpenIdMetadata";

    /// <summary>Validates the Authorization header. Needs no body, so it runs before the activity is parsed.</summary>
    public async Task<BotAuthenticationResult> AuthenticateAsync(string? authorization, CancellationToken cancellationToken)
    {
        if (!_options.IsAuthenticationEnabled)
        {
            // Like Agents-for-net with no auth configured: a header, if any, is not checked (nothing to check it against).
            return new BotAuthenticationResult(BotCaller.Anonymous);
        }
        if (string.IsNullOrWhiteSpace(authorization))
        {
            return BotAuthenticationResult.Fail("No Authorization header.");
        }

        var parts = authorization.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2 || !parts[0].Equals("Bearer", StringComparison.OrdinalIgnoreCase) || !_handler.CanReadToken(parts[1]))
        {
            return BotAuthenticationResult.Fail("The Authorization header must be 'Bearer <JWT>'.");
        }

        var token = parts[1];
        string issuer;
        try
        {
            issuer = new JsonWebToken(token).Issuer;
        }
        catch (ArgumentException)
        {
            return BotAuthenticationResult.Fail("The bearer token cannot be read.");
        }

        var isBotConnector = issuer == BotAuthenticationOptions.BotConnectorIssuer;
        var keys = isBotConnector ? _botConnectorKeys : _emulatorIssuers.Contains(issuer) ? _emulatorKeys : null;
        if (keys is null)
        {
            return BotAuthenticationResult.Fail("The token's issuer is not trusted.");
        }

        OpenIdConnectConfiguration configuration;
        try
        {
            configuration = await keys.Metadata.GetConfigurationAsync(cancellationToken);
        }
        catch (InvalidOperationException ex)
        {
            _logger.LogError(ex, "Could not read the OpenID metadata to check a bot token");
            return BotAuthenticationResult.Fail("The token cannot be checked right now.");
        }

        var parameters = new TokenValidationParameters
        {
            ValidIssuers = isBotConnector ? [BotAuthenticationOptions.BotConnectorIssuer] : _emulatorIssuers,
            ValidAudience = _options.MicrosoftAppId,
            ValidateIssuer = true,
            ValidateAudience = true,
            ValidateLifetime = true,
            ValidateIssuerSigningKey = true,
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ClockSkew = TimeSpan.FromMinutes(5),
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512],
        };

        parameters.IssuerSigningKeys = configuration.SigningKeys;
        var result = await _handler.ValidateTokenAsync(token, parameters);
        if (result.Exception is SecurityTokenSignatureKeyNotFoundException && await keys.RefreshAsync(cancellationToken) is { } refreshed)
        {
            // Keys may be added at any time: an unknown key id re-reads the key set once (throttled) before failing.
            configuration = refreshed;
            parameters.IssuerSigningKeys = configuration.SigningKeys;
            result = await _handler.ValidateTokenAsync(token, parameters);
        }
        if (!result.IsValid)
        {
            _logger.LogInformation("Rejected a bot token: {Reason}", result.Exception?.Message);
            return BotAuthenticationResult.Fail(Describe(result.Exception));
        }

        var jwt = (JsonWebToken)result.SecurityToken;
        if (!isBotConnector)
        {
            // The Emulator asks Entra for a token with the bot's own credentials, so the caller must be the bot's app id.
            var version = jwt.TryGetClaim("ver", out var ver) ? ver.Value : null;
            var callerClaim = version is null or "1.0" ? "appid" : version == "2.0" ? "azp" : null;
            var caller = callerClaim is not null && jwt.TryGetClaim(callerClaim, out var claim) ? claim.Value : null;
            if (caller != _options.MicrosoftAppId)
            {
                return BotAuthenticationResult.Fail("The token was not issued to this bot.");
            }
            return new BotAuthenticationResult(new BotCaller());
        }

        return new BotAuthenticationResult(new BotCaller
        {
            IsBotConnector = true,
            ServiceUrlClaim = jwt.TryGetClaim("serviceurl", out var serviceUrl) ? serviceUrl.Value : null,
            Endorsements = Endorsements(configuration, jwt.Kid),
        });
    }

    /// <summary>The checks that need the activity: serviceurl claim and channel endorsement. Null when they pass.</summary>
    public static BotAuthenticationResult? CheckActivity(BotCaller caller, Activity activity)
    {
        if (!caller.IsBotConnector)
        {
            return null;
        }
        if (caller.ServiceUrlClaim is null || activity.ServiceUrl is null
            || !string.Equals(caller.ServiceUrlClaim.TrimEnd('/'), activity.ServiceUrl.TrimEnd('/'), StringComparison.OrdinalIgnoreCase))
        {
            return BotAuthenticationResult.Fail("The token's serviceurl claim does not match the activity's serviceUrl.");
        }
        if (caller.Endorsements.Count > 0 && !string.IsNullOrEmpty(activity.ChannelId) && !caller.Endorsements.Contains(activity.ChannelId))
        {
            return BotAuthenticationResult.Fail($"The signing key is not endorsed for channel '{activity.ChannelId}'.", StatusCodes.Status403Forbidden);
        }
        return null;
    }

    private static IReadOnlyList<string> Endorsements(OpenIdConnectConfiguration configuration, string? kid)
    {
        var key = configuration.JsonWebKeySet?.Keys.FirstOrDefault(k => k.Kid == kid);
        if (key is null || !key.AdditionalData.TryGetValue("endorsements", out var value))
        {
            return [];
        }
        return value switch
        {
            JsonElement { ValueKind: JsonValueKind.Array } array => array.EnumerateArray().Select(e => e.ToString()).ToArray(),
            IEnumerable<object> items => items.Select(i => i?.ToString() ?? "").ToArray(),
            string single => [single],
            _ => [],
        };
    }

    private static string Describe(Exception? exception) => exception switch
    {
        SecurityTokenExpiredException => "The token has expired.",
        SecurityTokenNotYetValidException => "The token is not valid yet.",
        SecurityTokenInvalidAudienceException => "The token is not for this bot (audience).",
        SecurityTokenInvalidIssuerException => "The token's issuer is not trusted.",
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => "The token's signature is not valid.",
        SecurityTokenInvalidAlgorithmException => "The token's signing algorithm is not allowed.",
        _ => "The token is not valid.",
    };

    /// <summary>
    /// One OpenID metadata document and its keys: cached by IdentityModel's ConfigurationManager (refreshed on
    /// a timer), plus an immediate re-read when a token names a key we do not know, at most once a minute so
    /// random key ids cannot make us hammer the metadata endpoint.
    /// </summary>
    private sealed class SigningKeys
    {
        private static readonly TimeSpan MinimumForcedRefreshInterval = TimeSpan.FromMinutes(1);
        private readonly string _url;
        private readonly HttpDocumentRetriever _retriever;
        private readonly Lock _lock = new();
        private DateTimeOffset _lastForcedRefresh = DateTimeOffset.MinValue;

        public SigningKeys(string url, HttpClient http, TimeSpan refreshInterval)
        {
            _url = url;
            _retriever = new HttpDocumentRetriever(http) { RequireHttps = true };
            Metadata = new ConfigurationManager<OpenIdConnectConfiguration>(url, new OpenIdConnectConfigurationRetriever(), _retriever)
            {
                AutomaticRefreshInterval = refreshInterval,
            };
        }

        public ConfigurationManager<OpenIdConnectConfiguration> Metadata { get; }

        public async Task<OpenIdConnectConfiguration?> RefreshAsync(CancellationToken cancellationToken)
        {
            lock (_lock)
            {
                var now = DateTimeOffset.UtcNow;
                if (now - _lastForcedRefresh < MinimumForcedRefreshInterval)
                {
                    return null;
                }
                _lastForcedRefresh = now;
            }
            try
            {
                var fresh = await OpenIdConnectConfigurationRetriever.GetAsync(_url, _retriever, cancellationToken);
                Metadata.RequestRefresh(); // so the cached copy catches up too
                return fresh;
            }
            catch (Exception ex) when (ex is InvalidOperationException or IOException or HttpRequestException)
            {
                return null;
            }
        }
    }
}
