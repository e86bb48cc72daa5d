using Microsoft.Extensions.Options;
using Microsoft.Identity.Client;
using Microsoft.Identity.Client.AppConfig;

namespace SpasmBot.Protocol;

/// <summary>The bearer token for replies to the Bot Connector; null when the bot runs without an app id.</summary>
public interface IConnectorTokenProvider
{
    Task<string?> GetTokenAsync(CancellationToken cancellationToken);
}

/// <summary>
/// MSAL client credentials (SingleTenant: the bot's tenant; MultiTenant: botframework.com) or the user-assigned
/// managed identity. One MSAL application per process, so its in-memory token cache is reused across replies.
/// </summary>
public sealed class MsalConnectorTokenProvider : IConnectorTokenProvider
{
    public const string Scope = "https://api.botframework.com/.default";
    public const string Resource = "https://api.botframework.com";

    private readonly IConfidentialClientApplication? _clientCredentials;
    private readonly IManagedIdentityApplication? _managedIdentity;

    public MsalConnectorTokenProvider(IOptions<BotAuthenticationOptions> options)
        : this(options, null)
    {
    }

    /// <summary>With an HTTP factory for MSAL, so tests can stand in for Entra ID.</summary>
    internal MsalConnectorTokenProvider(IOptions<BotAuthenticationOptions> options, IMsalHttpClientFactory? httpClientFactory)
    {
        var o = options.Value;
        if (!o.IsAuthenticationEnabled)
        {
            return;
        }
        if (o.Problem() is { } problem)
        {
            throw new InvalidOperationException(problem);
        }

        if (o.IsUserAssignedMsi)
        {
            var builder = ManagedIdentityApplicationBuilder.Create(ManagedIdentityId.WithUserAssignedClientId(o.MicrosoftAppId));
            _managedIdentity = (httpClientFactory is null ? builder : builder.WithHttpClientFactory(httpClientFactory)).Build();
        }
        else
        {
            var builder = ConfidentialClientApplicationBuilder
                .Create(o.MicrosoftAppId)
                .WithClientSecret(o.MicrosoftAppPassword)
                .WithAuthority(AuthorityFor(o));
            _clientCredentials = (httpClientFactory is null ? builder : builder.WithHttpClientFactory(httpClientFactory)).Build();
        }
    }

    public static string AuthorityFor(BotAuthenticationOptions options)
        => $"https://login.microsoftonline.com/{(options.IsSingleTenant ? options.MicrosoftAppTenantId : "botframework.com")}";

    public async Task<string?> GetTokenAsync(CancellationToken cancellationToken)
    {
        if (_managedIdentity is not null)
        {
            var result = await _managedIdentity.AcquireTokenForManagedIdentity(Resource).ExecuteAsync(cancellationToken);
            return result.AccessToken;
        }
        if (_clientCredentials is not null)
        {
            var result = await _clientCredentials.AcquireTokenForClient([Scope]).ExecuteAsync(cancellationToken);
            return result.AccessToken;
        }
        return null;
    }
}
