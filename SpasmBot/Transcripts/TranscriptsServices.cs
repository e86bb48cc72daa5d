using Microsoft.Extensions.DependencyInjection.Extensions;

namespace SpasmBot.Transcripts;

public static class TranscriptsServices
{
    public static IServiceCollection AddTranscripts(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TranscriptOptions>().Bind(configuration.GetSection(TranscriptOptions.Section));
        services.AddSingleton<TranscriptPaths>();
        services.AddSingleton<Redactor>();
        services.AddSingleton<UserPseudonymizer>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<TranscriptDatabase>(sp =>
        {
            // PostgreSQL when a connection string names one (several instances share it), else a local SQLite file.
            var connectionString = sp.GetRequiredService<IConfiguration>().GetConnectionString("Transcripts");
            return string.IsNullOrWhiteSpace(connectionString)
                ? new SqliteTranscriptDatabase(sp.GetRequiredService<TranscriptPaths>().SqliteFile)
                : new PostgresTranscriptDatabase(connectionString);
        });
        services.AddSingleton<ITranscriptStore, TranscriptStore>();
        services.AddSingleton<ITranscriptSink>(sp => sp.GetRequiredService<ITranscriptStore>());
        services.AddSingleton<LegacySpool>();
        services.AddSingleton<TranscriptJournal>();
        services.AddSingleton<TranscriptWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<TranscriptWriter>());
        services.AddSingleton<RetentionPurgeService>();
        services.AddHostedService(sp => sp.GetRequiredService<RetentionPurgeService>());
        services.AddSingleton<Protocol.IMiddleware, TranscriptLoggingMiddleware>();
        return services;
    }
}
