using Microsoft.Extensions.Options;
using Microsoft.Identity.Client;
using SpasmBot.Protocol;
using System.Net;

namespace SpasmBot.Tests.Protocol;

public class ConnectorTokenProviderTests
{
    private sealed class StubMsalHttp(StubHttpHandler handler) : IMsalHttpClientFactory
    {
        private readonly HttpClient _client = new(handler);

        public HttpClient GetHttpClient() => _client;
    }

    private static StubHttpHandler EntraStub() => new((request, _) => request.RequestUri!.AbsolutePath.EndsWith("/oauth2/v2.0/token")
        ? StubHttpHandler.Json("""{"token_type":"Bearer","expires_in":3600,"ext_expires_in":3600,"access_token":"connector-token"}""")
        : new HttpResponseMessage(HttpStatusCode.NotFound));

    private static BotAuthenticationOptions Settings(string type, string? tenant) => new()
    {
        MicrosoftAppType = type,
        MicrosoftAppId = "11111111-2222-3333-4444-555555555555",
        MicrosoftAppPassword = "secret",
        MicrosoftAppTenantId = tenant,
    };

    [Theory]
    [InlineData("SingleTenant", "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee", "/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee/oauth2/v2.0/token")]
    [InlineData("MultiTenant", null, "/botframework.com/oauth2/v2.0/token")]
    public async Task Client_credentials_come_from_the_right_tenant_for_the_bot_connector_scope_and_are_cached(string type, string? tenant, string tokenPath)
    {
        var entra = EntraStub();
        var provider = new MsalConnectorTokenProvider(Options.Create(Settings(type, tenant)), new StubMsalHttp(entra));

        var first = await provider.GetTokenAsync(CancellationToken.None);
        var second = await provider.GetTokenAsync(CancellationToken.None);

        Assert.Equal("connector-token", first);
        Assert.Equal("connector-token", second);
        var (request, body) = Assert.Single(entra.Requests, r => r.Request.RequestUri!.AbsolutePath.EndsWith("/token"));
        Assert.Equal("login.microsoftonline.com", request.RequestUri!.Host);
        Assert.Equal(tokenPath, request.RequestUri.AbsolutePath);
        Assert.Contains("grant_type=client_credentials", body);
        Assert.Contains("scope=" + Uri.EscapeDataString("https://api.botframework.com/.default"), body);
    }

    [Fact]
    public async Task Without_an_app_id_there_is_no_token()
    {
        var provider = new MsalConnectorTokenProvider(Options.Create(new BotAuthenticationOptions()));

        Assert.Null(await provider.GetTokenAsync(CancellationToken.None));
    }

    [Fact]
    public void Incomplete_credentials_fail_with_a_clear_message()
    {
        var options = Settings("SingleTenant", null);

        var error = Assert.Throws<InvalidOperationException>(() => new MsalConnectorTokenProvider(Options.Create(options)));

        Assert.Contains("MicrosoftAppTenantId", error.Message);
    }
}
