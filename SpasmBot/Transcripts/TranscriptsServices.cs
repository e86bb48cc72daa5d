namespace SpasmBot.Transcripts;

public static class TranscriptsServices
{
    public static IServiceCollection AddTranscripts(this IServiceCollection services, IConfiguration configuration)
    {
        return services;
    }
}
