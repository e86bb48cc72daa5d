using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using SpasmBot.Protocol;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;

namespace SpasmBot.Tests.Protocol;

/// <summary>
/// /api/messages with MicrosoftAppId set, against a local signing key published through a local OpenID
/// metadata document (served by a stub handler at the configured metadata address).
/// </summary>
public sealed class AuthenticationTests : IDisposable
{
    private const string AppId = "11111111-2222-3333-4444-555555555555";
    private const string ServiceUrl = "https://smba.trafficmanager.net/teams/";
    private const string MetadataUrl = "https://login.test/v1/.well-known/openidconfiguration";
    private const string EntraMetadataUrl = "https://entra.test/common/v2.0/.well-known/openid-configuration";
    private const string EmulatorIssuer = "https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/";

    private readonly RSA _channelKey = RSA.Create(2048);
    private readonly RSA _rotatedKey = RSA.Create(2048);
    private readonly RSA _entraKey = RSA.Create(2048);
    private readonly RSA _attackerKey = RSA.Create(2048);
    private bool _publishRotatedKey;
    private readonly StubHttpHandler _identityProvider;
    private readonly WebApplicationFactory<Program> _host;
    private readonly HttpClient _client;

    public AuthenticationTests()
    {
        _identityProvider = new StubHttpHandler((request, _) => request.RequestUri!.AbsoluteUri switch
        {
            MetadataUrl => StubHttpHandler.Json(Metadata("https://api.botframework.com", "https://login.test/v1/.well-known/keys")),
            "https://login.test/v1/.well-known/keys" => StubHttpHandler.Json(Keys(
                [Jwk(_channelKey, "channel-key", ["msteams", "webchat", "directline"]), .. _publishRotatedKey ? [Jwk(_rotatedKey, "rotated-key", ["msteams"])] : Array.Empty<object>()])),
            EntraMetadataUrl => StubHttpHandler.Json(Metadata("https://login.microsoftonline.com/{tenantid}/v2.0", "https://entra.test/keys")),
            "https://entra.test/keys" => StubHttpHandler.Json(Keys([Jwk(_entraKey, "entra-key", null)])),
            _ => new HttpResponseMessage(HttpStatusCode.NotFound),
        });
        _host = TestBotHost.Create(DelegateBot.Echo(),
            s => s.AddHttpClient(BotRequestAuthenticator.MetadataHttpClientName).ConfigurePrimaryHttpMessageHandler(() => _identityProvider),
            new Dictionary<string, string?>
            {
                ["MicrosoftAppId"] = AppId,
                ["MicrosoftAppType"] = "MultiTenant",
                ["MicrosoftAppPassword"] = "not-used-with-expectReplies",
                ["BotFramework:OpenIdMetadataUrl"] = MetadataUrl,
                ["BotFramework:EmulatorOpenIdMetadataUrl"] = EntraMetadataUrl,
            });
        _client = _host.CreateClient();
    }

    public void Dispose()
    {
        _client.Dispose();
        _host.Dispose();
    }

    private static string Metadata(string issuer, string jwksUri) => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["issuer"] = issuer,
        ["authorization_endpoint"] = "https://invalid.test/authorize",
        ["jwks_uri"] = jwksUri,
        ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
    });

    private static string Keys(object[] keys) => JsonSerializer.Serialize(new { keys });

    private static object Jwk(RSA rsa, string kid, string[]? endorsements)
    {
        var p = rsa.ExportParameters(false);
        var key = new Dictionary<string, object>
        {
            ["kty"] = "RSA", ["use"] = "sig", ["kid"] = kid,
            ["n"] = Base64UrlEncoder.Encode(p.Modulus), ["e"] = Base64UrlEncoder.Encode(p.Exponent),
        };
        if (endorsements is not null)
        {
            key["endorsements"] = endorsements;
        }
        return key;
    }

    private string Token(
        string issuer = "https://api.botframework.com", string audience = AppId, string? serviceUrl = ServiceUrl,
        TimeSpan? expiresIn = null, RSA? signWith = null, string kid = "channel-key", Dictionary<string, object>? claims = null)
    {
        var now = DateTime.UtcNow;
        var expires = now + (expiresIn ?? TimeSpan.FromHours(1));
        var allClaims = claims ?? new Dictionary<string, object>();
        if (serviceUrl is not null)
        {
            allClaims["serviceurl"] = serviceUrl;
        }
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = expires.AddHours(-2),
            NotBefore = expires.AddHours(-2),
            Expires = expires,
            Claims = allClaims,
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(signWith ?? _channelKey) { KeyId = kid }, SecurityAlgorithms.RsaSha256),
        });
    }

    private Task<HttpResponseMessage> Post(string? token, string serviceUrl = ServiceUrl, string channelId = "msteams")
        => TestBotHost.PostAsync(_client, TestBotHost.MessageJson("hi", channelId: channelId, serviceUrl: serviceUrl), token);

    [Fact]
    public async Task A_valid_bot_connector_token_is_accepted()
    {
        var replies = await TestBotHost.RepliesAsync(await Post(Token()));

        Assert.Equal("echo: hi", replies[0].Text);
    }

    [Fact]
    public async Task A_request_without_a_token_gets_401()
    {
        var response = await Post(null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task An_expired_token_gets_401_but_five_minutes_of_clock_skew_are_tolerated()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await Post(Token(expiresIn: TimeSpan.FromMinutes(-10)))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Post(Token(expiresIn: TimeSpan.FromMinutes(-2)))).StatusCode);
    }

    [Fact]
    public async Task A_token_for_another_bot_gets_401()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await Post(Token(audience: "99999999-0000-0000-0000-000000000000"))).StatusCode);
    }

    [Fact]
    public async Task A_token_from_another_issuer_gets_401()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await Post(Token(issuer: "https://api.botframework.com.evil.example"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Post(Token(issuer: "https://login.test"))).StatusCode);
    }

    [Fact]
    public async Task A_token_with_a_forged_signature_gets_401()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await Post(Token(signWith: _attackerKey))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Post(Token(signWith: _attackerKey, kid: "attacker-key"))).StatusCode);
    }

    [Fact]
    public async Task Malformed_authorization_headers_get_401()
    {
        var basic = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = new StringContent(TestBotHost.MessageJson("hi", serviceUrl: ServiceUrl)) };
        basic.Headers.TryAddWithoutValidation("Authorization", "Basic " + Token());

        Assert.Equal(HttpStatusCode.Unauthorized, (await _client.SendAsync(basic)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Post("not-a-jwt")).StatusCode);
    }

    [Fact]
    public async Task The_serviceurl_claim_must_match_the_activity()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await Post(Token(), serviceUrl: "https://attacker.example/teams/")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Post(Token(serviceUrl: null))).StatusCode);
        // Case and a trailing slash do not matter.
        Assert.Equal(HttpStatusCode.OK, (await Post(Token(serviceUrl: "HTTPS://smba.trafficmanager.net/teams"))).StatusCode);
    }

    [Fact]
    public async Task A_key_endorsed_for_other_channels_gets_403()
    {
        Assert.Equal(HttpStatusCode.Forbidden, (await Post(Token(), channelId: "facebook")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Post(Token(), channelId: "webchat")).StatusCode);
    }

    [Fact]
    public async Task Signing_keys_are_cached_and_a_new_key_is_picked_up()
    {
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await Post(Token())).StatusCode);
        }
        Assert.Equal(1, _identityProvider.Requests.Count(r => r.Request.RequestUri!.AbsoluteUri == MetadataUrl));

        _publishRotatedKey = true;
        var status = (await Post(Token(signWith: _rotatedKey, kid: "rotated-key"))).StatusCode;

        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Fact]
    public async Task An_emulator_token_issued_to_the_bot_itself_is_accepted()
    {
        var own = Token(issuer: EmulatorIssuer, serviceUrl: null, signWith: _entraKey, kid: "entra-key",
            claims: new() { ["ver"] = "1.0", ["appid"] = AppId });
        var other = Token(issuer: EmulatorIssuer, serviceUrl: null, signWith: _entraKey, kid: "entra-key",
            claims: new() { ["ver"] = "1.0", ["appid"] = "someone-else" });

        Assert.Equal(HttpStatusCode.OK, (await Post(own, serviceUrl: "http://localhost:50123", channelId: "emulator")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Post(other, serviceUrl: "http://localhost:50123", channelId: "emulator")).StatusCode);
    }
}

public class AnonymousModeTests
{
    [Fact]
    public async Task Without_an_app_id_requests_without_a_token_are_accepted()
    {
        using var host = TestBotHost.Create(DelegateBot.Echo());
        using var client = host.CreateClient();

        var replies = await TestBotHost.RepliesAsync(await TestBotHost.PostAsync(client, TestBotHost.MessageJson("hi")));

        Assert.Equal("echo: hi", replies[0].Text);
    }
}

public class StartupValidationTests
{
    [Fact]
    public void A_single_tenant_bot_without_a_tenant_id_refuses_to_start_and_says_why()
    {
        using var host = TestBotHost.Create(DelegateBot.Echo(), settings: new Dictionary<string, string?>
        {
            ["MicrosoftAppId"] = "11111111-2222-3333-4444-555555555555",
            ["MicrosoftAppType"] = "SingleTenant",
            ["MicrosoftAppPassword"] = "secret",
            ["MicrosoftAppTenantId"] = "",
        });

        var error = Assert.ThrowsAny<Exception>(() => host.CreateClient());

        Assert.Contains("MicrosoftAppTenantId", error.ToString());
    }
}
