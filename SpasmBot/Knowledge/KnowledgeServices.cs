namespace SpasmBot.Knowledge;

public static class KnowledgeServices
{
    public static IServiceCollection AddKnowledge(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<KnowledgeOptions>(configuration.GetSection(KnowledgeOptions.SectionName));
        services.AddSingleton<KnowledgeCorpus>();
        return services;
    }
}
