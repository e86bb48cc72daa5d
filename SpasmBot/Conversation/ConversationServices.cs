using SpasmBot.Knowledge;
using SpasmBot.Protocol;
using SpasmBot.Safety;

namespace SpasmBot.Conversation;

public static class ConversationServices
{
    public static IServiceCollection AddConversation(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ConversationOptions>(configuration.GetSection(ConversationOptions.Section));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new ChitChat(ConversationData.Load(CorpusFile(sp, o => o.ChitChatFile))));
        services.AddSingleton(sp => new LanguageCheck(LanguageData.Load(CorpusFile(sp, o => o.LanguagesFile))));
        services.AddSingleton(sp => new SourceTitles(Path.Combine(sp.GetRequiredService<KnowledgeCorpus>().Directory, "sources.tsv")));
        services.AddSingleton<TurnEngine>();
        services.AddSingleton<ReplyBuilder>();
        services.AddSingleton<IConversationStateStore, InMemoryConversationStateStore>();
        services.AddSingleton<IBot, SpasmBotHandler>();
        return services;
    }

    private static string CorpusFile(IServiceProvider services, Func<ConversationOptions, string> file)
    {
        var options = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ConversationOptions>>().Value;
        return Path.Combine(services.GetRequiredService<KnowledgeCorpus>().Directory, file(options));
    }
}
