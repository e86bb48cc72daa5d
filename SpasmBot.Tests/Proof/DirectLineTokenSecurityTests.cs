using System.Net;
using System.Security.Cryptography;

namespace SpasmBot.Tests.Proof;

/// <summary>
/// Forged, replayed, expired and tampered Direct Line tokens on every guarded route. (Issuing, binding, refresh and
/// expiry by the clock are in Channels/DirectLineApiTests; these add what an attacker would try.)
/// </summary>
[Trait("Category", "Proof")]
[Trait("Proof", "Security")]
public sealed class DirectLineTokenSecurityTests(DirectLineProofHost host) : IClassFixture<DirectLineProofHost>
{
    private static readonly string[] GuardedRoutes =
    [
        "GET conversations/{id}", "POST conversations/{id}/activities", "GET conversations/{id}/activities", "GET conversations/{id}/stream",
    ];

    public static TheoryData<string> Routes() => [.. GuardedRoutes];

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Another_conversations_token_gets_403_on_every_route(string route)
    {
        var (victimToken, victim) = await host.StartAsync();
        var (attackerToken, _) = await host.StartAsync();
        Assert.Equal(HttpStatusCode.OK, (await host.PostTextAsync(victimToken, victim, "my name is Jo and my back hurts")).StatusCode);

        var response = await SendAsync(route, victim, attackerToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain("back hurts", await response.Content.ReadAsStringAsync());
    }

    public static TheoryData<string> Tampering() =>
    [
        "expired", "re-signed with another key", "expiry extended, signature kept", "alg none, no signature",
        "issuer changed", "signature truncated", "garbage", "three dots", "2,100 characters", "base64 padding junk",
    ];

    [Theory]
    [MemberData(nameof(Tampering))]
    public async Task A_tampered_or_expired_token_gets_403_on_every_route(string kind)
    {
        var (token, conversationId) = await host.StartAsync();
        var user = DirectLineProofHost.UserOf(token);
        var later = DateTimeOffset.UtcNow.AddMinutes(20);
        var forged = kind switch
        {
            "expired" => DirectLineProofHost.Mint(conversationId, user, DateTimeOffset.UtcNow.AddSeconds(-5)),
            "re-signed with another key" => DirectLineProofHost.Mint(conversationId, user, later, RandomNumberGenerator.GetBytes(32)),
            "expiry extended, signature kept" => SwapPayload(token, DirectLineProofHost.Mint(conversationId, user, later.AddDays(1))),
            "alg none, no signature" => DirectLineProofHost.Mint(conversationId, user, later, header: """{"alg":"none","typ":"JWT"}""").Split('.')[0..2] is var p ? $"{p[0]}.{p[1]}." : "",
            "issuer changed" => DirectLineProofHost.Mint(conversationId, user, later, issuer: "someone-else"),
            "signature truncated" => token[..^4],
            "garbage" => "not-a-token",
            "three dots" => "...",
            "2,100 characters" => token + new string('A', 2100 - token.Length),
            "base64 padding junk" => token.Split('.')[0] + ".@@@@=." + token.Split('.')[2],
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };

        foreach (var route in GuardedRoutes.Append("POST tokens/refresh"))
        {
            var response = await SendAsync(route, conversationId, forged);
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{route}: {(int)response.StatusCode}");
        }
        // The genuine token still works.
        Assert.Equal(HttpStatusCode.OK, (await host.PostTextAsync(token, conversationId, "hello")).StatusCode);
    }

    [Fact]
    public async Task A_correctly_signed_token_still_cannot_cross_to_a_conversation_it_does_not_name()
    {
        var (_, victim) = await host.StartAsync();
        var (attackerToken, attacker) = await host.StartAsync();
        // The attacker's genuine token replayed with the victim's id in the path and in the body.
        var body = System.Text.Encoding.UTF8.GetBytes("{\"type\":\"message\",\"text\":\"hi\",\"conversation\":{\"id\":\"" + victim + "\"}}");

        Assert.Equal(HttpStatusCode.Forbidden, (await host.SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{victim}/activities", attackerToken, body)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{attacker}/activities", attackerToken, body)).StatusCode);
        Assert.Equal(0, await host.LoggedVisitorMessagesAsync(victim));
    }

    [Fact]
    public async Task No_token_gets_401()
    {
        var (_, conversationId) = await host.StartAsync();

        foreach (var route in GuardedRoutes)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(route, conversationId, null)).StatusCode);
        }
    }

    private Task<HttpResponseMessage> SendAsync(string route, string conversationId, string? token)
    {
        var (verb, path) = (route.Split(' ')[0], route.Split(' ')[1].Replace("{id}", conversationId));
        return host.SendAsync(new HttpMethod(verb), "/v3/directline/" + path, token,
            verb == "POST" && path.EndsWith("activities", StringComparison.Ordinal) ? """{"type":"message","text":"hi"}"""u8.ToArray() : null);
    }

    /// <summary>The payload of <paramref name="other"/> under the header and signature of <paramref name="token"/>.</summary>
    private static string SwapPayload(string token, string other) => $"{token.Split('.')[0]}.{other.Split('.')[1]}.{token.Split('.')[2]}";
}
