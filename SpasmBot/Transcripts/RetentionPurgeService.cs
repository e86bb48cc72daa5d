using Microsoft.Extensions.Options;

namespace SpasmBot.Transcripts;

/// <summary>Deletes transcripts older than Transcripts:RetentionDays, at start and then every PurgeInterval.</summary>
public sealed class RetentionPurgeService(
    ITranscriptStore store,
    IOptions<TranscriptOptions> options,
    TimeProvider time,
    ILogger<RetentionPurgeService> logger) : BackgroundService
{
    public const string Actor = "retention";

    public Task<int> PurgeOnceAsync(CancellationToken cancellationToken = default) =>
        store.PurgeOlderThanAsync(time.GetUtcNow().AddDays(-options.Value.RetentionDays), Actor, cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.RetentionDays <= 0)
        {
            return; // 0 or less: keep forever
        }
        using var timer = new PeriodicTimer(options.Value.PurgeInterval, time);
        do
        {
            try
            {
                var purged = await PurgeOnceAsync(stoppingToken);
                if (purged > 0)
                {
                    logger.LogInformation("Retention purge deleted {Count} conversations older than {Days} days", purged, options.Value.RetentionDays);
                }
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                logger.LogError(error, "Retention purge failed; will retry");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
