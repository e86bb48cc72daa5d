namespace SpasmBot.Conversation;

/// <summary>
/// Builds the bot and everything it reads from data files (small talk, languages, red flags, safety replies, the
/// triage checklist) when the host starts, so a missing or broken file stops start-up and names itself instead of
/// failing every visitor's turn with an apology.
/// </summary>
public sealed class ConversationStartup(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            services.GetRequiredService<Protocol.IBot>();
            services.GetRequiredService<TurnEngine>();
            services.GetRequiredService<ReplyBuilder>();
        }
        catch (Exception e) when (e is IOException or InvalidDataException or YamlDotNet.Core.YamlException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"The conversation's data files could not be loaded: {e.Message}", e);
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
