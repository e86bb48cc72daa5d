namespace SpasmBot.Conversation;

/// <summary>A recognised small-talk message: the intent and, for "hi, how do I ...", the question after the greeting.</summary>
public sealed record ChitChatMatch(ChitChatIntent Intent, string? Remainder);

/// <summary>Recognises greetings, thanks, "who are you", help, start over, forget me and yes/no answers.</summary>
public sealed class ChitChat
{
    private readonly Dictionary<string, ChitChatIntent> _byPhrase = new(StringComparer.Ordinal);
    private readonly List<(string Phrase, ChitChatIntent Intent)> _prefixes = [];
    private readonly HashSet<string> _yes;
    private readonly HashSet<string> _no;

    public ChitChat(ConversationData data)
    {
        Data = data;
        foreach (var intent in data.Intents)
        {
            foreach (var phrase in intent.Phrases.Select(TextShape.Words).Where(p => p.Length > 0))
            {
                _byPhrase.TryAdd(phrase, intent);
                if (intent.Prefix)
                {
                    _prefixes.Add((phrase, intent));
                }
            }
        }
        // Longest greeting first, so "hi there" wins over "hi".
        _prefixes.Sort((a, b) => b.Phrase.Length.CompareTo(a.Phrase.Length));
        _yes = data.Yes.Select(TextShape.Words).ToHashSet(StringComparer.Ordinal);
        _no = data.No.Select(TextShape.Words).ToHashSet(StringComparer.Ordinal);
    }

    public ConversationData Data { get; }

    public string TopicList => string.Join("; ", Data.Topics);

    public string ReplyFor(ChitChatIntent intent) => intent.Reply.Replace("{topics}", TopicList, StringComparison.Ordinal);

    public ChitChatIntent Intent(string name) => Data.Intents.First(i => i.Name == name);

    public ChitChatMatch? Match(string text)
    {
        var words = TextShape.Words(text);
        if (words.Length == 0)
        {
            return null;
        }
        if (_byPhrase.TryGetValue(words, out var intent))
        {
            return new ChitChatMatch(intent, null);
        }
        foreach (var (phrase, greeting) in _prefixes)
        {
            if (words.StartsWith(phrase + " ", StringComparison.Ordinal))
            {
                var remainder = StripLeadingPhrase(text, phrase.Split(' ').Length);
                // "hi thanks" is still small talk; "hi my back hurts" carries a question.
                var rest = Match(remainder);
                return rest ?? new ChitChatMatch(greeting, remainder);
            }
        }
        return null;
    }

    /// <summary>True for "yes", false for "no", null for anything else.</summary>
    public bool? YesNo(string? text)
    {
        var words = TextShape.Words(text);
        if (_yes.Contains(words))
        {
            return true;
        }
        return _no.Contains(words) ? false : null;
    }

    // Drops the first N words of the original text, keeping the rest as typed.
    private static string StripLeadingPhrase(string text, int wordCount)
    {
        var span = text.AsSpan().TrimStart();
        for (var i = 0; i < wordCount && span.Length > 0; i++)
        {
            var next = 0;
            while (next < span.Length && !char.IsWhiteSpace(span[next]) && span[next] is not (',' or '!' or '.'))
            {
                next++;
            }
            span = span[next..].TrimStart(" ,!.;:-\t\r\n".AsSpan());
        }
        return span.ToString();
    }
}
