namespace SpasmBot.Knowledge;

/// <summary>Builds the index when the bot host starts, so a missing or broken corpus stops start-up with a clear error.</summary>
public sealed class KnowledgeStartup(KnowledgeBase knowledge, ILogger<KnowledgeStartup> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        knowledge.EnsureLoaded();
        logger.LogInformation("Knowledge index ready: {Count} entries", knowledge.Entries.Count);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
