using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SpasmBot.Conversation;
using SpasmBot.Safety;

namespace SpasmBot.Tests;

/// <summary>The repository's corpus/ folder and the data read from it, for tests.</summary>
public static class TestCorpus
{
    public static readonly string Directory = Find();

    public static readonly ChitChat ChitChat = new(ConversationData.Load(Path.Combine(Directory, "conversation", "chitchat.yaml")));

    public static readonly LanguageCheck Language = new(LanguageData.Load(Path.Combine(Directory, "conversation", "languages.yaml")));

    /// <summary>The shipped appsettings.json, as the bot reads it.</summary>
    public static readonly IConfiguration Settings = new ConfigurationBuilder()
        .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: false)
        .Build();

    private static readonly ServiceProvider SafetyServicesProvider = new ServiceCollection().AddSafety(Settings).BuildServiceProvider();

    public static SafetyReplies SafetyReplies => SafetyServicesProvider.GetRequiredService<SafetyReplies>();

    public static TriageChecklist Checklist => SafetyServicesProvider.GetRequiredService<TriageChecklist>();

    public static SafetyLocaleSettings Locales => SafetyServicesProvider.GetRequiredService<SafetyLocaleSettings>();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "corpus");
            if (System.IO.Directory.Exists(Path.Combine(candidate, "sources")))
            {
                return candidate;
            }
        }
        throw new DirectoryNotFoundException("corpus/ not found above the test binaries.");
    }
}
