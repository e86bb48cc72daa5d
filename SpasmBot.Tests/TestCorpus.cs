using SpasmBot.Conversation;

namespace SpasmBot.Tests;

/// <summary>The repository's corpus/ folder and the data read from it, for tests.</summary>
public static class TestCorpus
{
    public static readonly string Directory = Find();

    public static readonly ChitChat ChitChat = new(ConversationData.Load(Path.Combine(Directory, "conversation", "chitchat.yaml")));

    public static readonly LanguageCheck Language = new(LanguageData.Load(Path.Combine(Directory, "conversation", "languages.yaml")));

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
