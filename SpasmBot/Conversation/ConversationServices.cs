namespace SpasmBot.Conversation;

public static class ConversationServices
{
    public static IServiceCollection AddConversation(this IServiceCollection services, IConfiguration configuration)
    {
        return services;
    }
}
