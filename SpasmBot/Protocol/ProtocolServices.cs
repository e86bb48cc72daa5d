namespace SpasmBot.Protocol;

public static class ProtocolServices
{
    public static IServiceCollection AddBotProtocol(this IServiceCollection services, IConfiguration configuration)
    {
        return services;
    }

    /// <summary>Maps POST /api/messages.</summary>
    public static IEndpointRouteBuilder MapBotProtocol(this IEndpointRouteBuilder endpoints)
    {
        return endpoints;
    }
}
