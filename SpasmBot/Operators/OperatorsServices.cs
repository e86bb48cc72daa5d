namespace SpasmBot.Operators;

public static class OperatorsServices
{
    public static IServiceCollection AddOperators(this IServiceCollection services, IConfiguration configuration)
    {
        return services;
    }
}

public static class OperatorsEndpoints
{
    /// <summary>Maps the review console under /operators.</summary>
    public static IEndpointRouteBuilder MapOperators(this IEndpointRouteBuilder endpoints) => endpoints;
}
