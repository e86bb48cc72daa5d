using Microsoft.Extensions.Options;

namespace SpasmBot.Safety;

public static class SafetyServices
{
    /// <summary>
    /// The red-flag check (<see cref="ISafetyCheck"/>), locale settings, routing replies and the triage checklist.
    /// Data files are read and compiled once, at first use.
    /// </summary>
    public static IServiceCollection AddSafety(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SafetyOptions>(configuration.GetSection(SafetyOptions.Section));
        services.AddSingleton<SafetyLocaleSettings>();
        services.AddSingleton(sp => new SafetyDataDirectory(SafetyDataFiles.Locate(
            sp.GetRequiredService<IOptions<SafetyOptions>>().Value.DataDirectory,
            sp.GetService<IHostEnvironment>()?.ContentRootPath)));
        services.AddSingleton<ISafetyCheck>(sp => Detector(sp.GetRequiredService<SafetyDataDirectory>().Path));
        services.AddSingleton(sp => new SafetyReplies(
            SafetyDataFiles.Read<SafetyRepliesFile>(sp.GetRequiredService<SafetyDataDirectory>().Path, "replies.yaml"),
            sp.GetRequiredService<SafetyLocaleSettings>()));
        services.AddSingleton(sp => new TriageChecklist(
            SafetyDataFiles.Read<TriageChecklistFile>(sp.GetRequiredService<SafetyDataDirectory>().Path, "triage-checklist.yaml"),
            sp.GetRequiredService<SafetyLocaleSettings>()));
        return services;
    }

    /// <summary>Builds the detector from a data folder (red-flags.yaml and cues.yaml).</summary>
    public static RedFlagDetector Detector(string dataDirectory) => new(
        SafetyDataFiles.Read<RedFlagFile>(dataDirectory, "red-flags.yaml"),
        SafetyDataFiles.Read<SafetyCueFile>(dataDirectory, "cues.yaml"));
}

/// <summary>The resolved folder of the safety data files.</summary>
public sealed record SafetyDataDirectory(string Path);
