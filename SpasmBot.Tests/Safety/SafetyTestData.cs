using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SpasmBot.Safety;

namespace SpasmBot.Tests.Safety;

/// <summary>The real data files and settings of the repository, loaded once for all safety tests.</summary>
internal static class SafetyTestData
{
    public static readonly string DataDirectory = SafetyDataFiles.Locate("corpus/safety");
    public static readonly RedFlagDetector Detector = SafetyServices.Detector(DataDirectory);

    private static readonly Lazy<ServiceProvider> Provider = new(() =>
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(SafetyDataFiles.Locate("SpasmBot/appsettings.json"))
            .Build();
        return new ServiceCollection().AddSafety(configuration).BuildServiceProvider();
    });

    public static IServiceProvider Services => Provider.Value;
}
