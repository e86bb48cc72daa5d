using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace SpasmBot.Conversation;

/// <summary>The conversation's wording, read from corpus/conversation/*.yaml so editors change it without code.</summary>
public sealed class ConversationData
{
    public List<ChitChatIntent> Intents { get; set; } = [];
    public List<string> Topics { get; set; } = [];
    public List<string> Starters { get; set; } = [];
    public List<string> Yes { get; set; } = [];
    public List<string> No { get; set; } = [];

    public static ConversationData Load(string path)
    {
        var deserializer = new DeserializerBuilder()
            .WithNamingConvention(HyphenatedNamingConvention.Instance)
            .Build();
        using var reader = File.OpenText(path);
        ConversationData? data;
        try
        {
            data = deserializer.Deserialize<ConversationData>(reader);
        }
        catch (YamlDotNet.Core.YamlException e)
        {
            throw new InvalidDataException($"{path}: {e.Message}", e);
        }
        if (data is null)
        {
            throw new InvalidDataException($"{path} is empty.");
        }
        if (data.Intents.Count == 0 || data.Topics.Count == 0 || data.Yes.Count == 0 || data.No.Count == 0)
        {
            throw new InvalidDataException($"{path} must list intents, topics, yes and no words.");
        }
        return data;
    }
}

public sealed class ChitChatIntent
{
    public string Name { get; set; } = "";
    public bool Prefix { get; set; }
    public List<string> Phrases { get; set; } = [];
    public string Reply { get; set; } = "";
}

public sealed class LanguageData
{
    public List<string> English { get; set; } = [];
    public Dictionary<string, List<string>> Foreign { get; set; } = [];

    public static LanguageData Load(string path)
    {
        var deserializer = new DeserializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance).Build();
        using var reader = File.OpenText(path);
        return deserializer.Deserialize<LanguageData>(reader) ?? throw new InvalidDataException($"{path} is empty.");
    }
}
