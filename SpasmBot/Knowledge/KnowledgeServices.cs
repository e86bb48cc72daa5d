namespace SpasmBot.Knowledge;

public static class KnowledgeServices
{
    public static IServiceCollection AddKnowledge(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<KnowledgeOptions>(configuration.GetSection(KnowledgeOptions.SectionName));
        services.AddSingleton<KnowledgeCorpus>();
        services.Configure<SearchOptions>(configuration.GetSection(SearchOptions.SectionName));
        services.AddSingleton<IKnowledgeDataSource, CorpusKnowledgeSource>();
        services.AddSingleton<KnowledgeBase>();
        services.AddSingleton<IKnowledgeBase>(sp => sp.GetRequiredService<KnowledgeBase>());
        // The bot host builds the index at start-up (commands build it on first use).
        services.AddHostedService<KnowledgeStartup>();
        return services;
    }
}
