namespace SpasmBot.Conversation;

/// <summary>Settings bound from the "Conversation" section.</summary>
public sealed class ConversationOptions
{
    public const string Section = "Conversation";

    /// <summary>Dialog state is forgotten after this much inactivity.</summary>
    public TimeSpan StateIdleTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>The chit-chat, starter-question and yes/no data, relative to the corpus folder.</summary>
    public string ChitChatFile { get; set; } = "conversation/chitchat.yaml";

    public string LanguagesFile { get; set; } = "conversation/languages.yaml";

    /// <summary>How many related questions an answer offers.</summary>
    public int RelatedQuestions { get; set; } = 3;
}
