using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SpasmBot.Protocol;

namespace SpasmBot.Channels;

public static class ChannelsServices
{
    public const string CorsPolicy = "SpasmBotWidget";

    public static IServiceCollection AddChannels(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DirectLineOptions>().Bind(configuration.GetSection(DirectLineOptions.Section));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<DirectLineTokens>();
        services.AddSingleton<DirectLineConversations>();
        services.AddSingleton<DirectLineRateLimits>();
        services.AddSingleton<DirectLineTurns>();
        services.AddSingleton<DirectLineStream>();
        services.AddSingleton<DirectLineAccessFilter>();
        services.AddHttpClient<AzureDirectLineTokenClient>(c => c.Timeout = TimeSpan.FromSeconds(15));
        services.AddSingleton<SpasmBot.Protocol.IMiddleware, TeamsMentionMiddleware>();

        // Same-origin pages need nothing; pages on other sites must be listed in DirectLine:AllowedOrigins.
        var origins = configuration.GetSection($"{DirectLineOptions.Section}:{nameof(DirectLineOptions.AllowedOrigins)}").Get<string[]>() ?? [];
        services.AddCors(cors => cors.AddPolicy(CorsPolicy, policy => policy
            .WithOrigins(origins)
            .WithMethods("GET", "POST")
            .WithHeaders("Authorization", "Content-Type", "x-ms-bot-agent")
            .WithExposedHeaders("Retry-After")));
        return services;
    }
}

public static class ChannelsEndpoints
{
    /// <summary>Maps the Direct Line endpoints, the widget's token endpoint and the Web Chat bundle.</summary>
    public static IEndpointRouteBuilder MapChannels(this IEndpointRouteBuilder endpoints)
    {
        if (endpoints is IApplicationBuilder app)
        {
            // The stream needs WebSockets and the widget's endpoints CORS; added here so Program.cs stays one line.
            app.UseWebSockets();
            app.UseCors();
        }
        var options = endpoints.ServiceProvider.GetRequiredService<IOptions<DirectLineOptions>>().Value;
        DirectLineEndpoints.MapDirectLine(endpoints, options);
        WidgetEndpoints.MapWidget(endpoints);
        return endpoints;
    }
}
