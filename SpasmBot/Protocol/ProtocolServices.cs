using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace SpasmBot.Protocol;

public static class ProtocolServices
{
    public static IServiceCollection AddBotProtocol(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BotAuthenticationOptions>()
            .Configure<IConfiguration>((options, config) =>
            {
                // The SDK's root keys, then the BotFramework section for metadata addresses.
                options.MicrosoftAppType = config["MicrosoftAppType"] is { Length: > 0 } type ? type : BotAuthenticationOptions.MultiTenant;
                options.MicrosoftAppId = config["MicrosoftAppId"];
                options.MicrosoftAppPassword = config["MicrosoftAppPassword"];
                options.MicrosoftAppTenantId = config["MicrosoftAppTenantId"];
                config.GetSection("BotFramework").Bind(options);
            })
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<BotAuthenticationOptions>, BotAuthenticationOptionsValidator>();
        services.AddOptions<ConnectorOptions>().BindConfiguration("BotFramework:Connector");

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<BotTurnRunner>();
        services.AddSingleton<BotRequestAuthenticator>();
        services.AddHttpClient(BotRequestAuthenticator.MetadataHttpClientName);
        services.AddSingleton<IConnectorTokenProvider, MsalConnectorTokenProvider>();
        services.AddSingleton<ConnectorRetryPolicy>();
        services.AddHttpClient<ConnectorClient>();
        return services;
    }

    /// <summary>Maps POST /api/messages (other methods get 405 from routing).</summary>
    public static IEndpointRouteBuilder MapBotProtocol(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/messages", BotMessagesEndpoint.HandleAsync);
        return endpoints;
    }
}
