namespace SpasmBot.Knowledge;

public static class KnowledgeServices
{
    public static IServiceCollection AddKnowledge(this IServiceCollection services, IConfiguration configuration)
    {
        return services;
    }
}
