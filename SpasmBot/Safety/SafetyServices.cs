namespace SpasmBot.Safety;

public static class SafetyServices
{
    public static IServiceCollection AddSafety(this IServiceCollection services, IConfiguration configuration)
    {
        return services;
    }
}
