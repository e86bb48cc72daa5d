namespace SpasmBot.Channels;

public static class ChannelsServices
{
    public static IServiceCollection AddChannels(this IServiceCollection services, IConfiguration configuration)
    {
        return services;
    }
}

public static class ChannelsEndpoints
{
    /// <summary>Maps the Direct Line endpoints and the widget's token endpoint.</summary>
    public static IEndpointRouteBuilder MapChannels(this IEndpointRouteBuilder endpoints) => endpoints;
}
