using System.Text.Json;
using SpasmBot.Protocol;

namespace SpasmBot.Channels;

/// <summary>
/// Removes the bot's own at-mention from a message's text before the bot reads it: in Teams channels and group
/// chats the text arrives as <c>&lt;at&gt;SpasmBot&lt;/at&gt; sciatica?</c>. Only mentions whose entity names the
/// recipient (the bot) are removed; other people's mentions stay. Messages without text (Adaptive Card submits,
/// which carry their data in <c>value</c>) and other activity types pass through untouched.
/// </summary>
public sealed partial class TeamsMentionMiddleware : SpasmBot.Protocol.IMiddleware
{
    public Task OnTurnAsync(ITurnContext turnContext, Func<CancellationToken, Task> next, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        if (activity.Type == ActivityTypes.Message && !string.IsNullOrEmpty(activity.Text))
        {
            activity.Text = RemoveRecipientMention(activity);
        }
        return next(cancellationToken);
    }

    /// <summary>The SDK's algorithm: for each mention entity of the recipient, remove its text (case-insensitive), then trim.</summary>
    public static string? RemoveRecipientMention(Activity activity)
    {
        var text = activity.Text;
        var botId = activity.Recipient?.Id;
        if (text is null || string.IsNullOrEmpty(botId) || activity.Entities is null)
        {
            return text;
        }
        var removed = false;
        foreach (var entity in activity.Entities)
        {
            if (entity.ValueKind != JsonValueKind.Object
                || !string.Equals(StringProperty(entity, "type"), "mention", StringComparison.OrdinalIgnoreCase)
                || !entity.TryGetProperty("mentioned", out var mentioned)
                || mentioned.ValueKind != JsonValueKind.Object
                || !string.Equals(StringProperty(mentioned, "id"), botId, StringComparison.Ordinal))
            {
                continue;
            }
            var mentionText = StringProperty(entity, "text");
            if (string.IsNullOrEmpty(mentionText))
            {
                mentionText = $"<at>{StringProperty(mentioned, "name")}</at>";
            }
            if (text.Contains(mentionText, StringComparison.OrdinalIgnoreCase))
            {
                text = text.Replace(mentionText, " ", StringComparison.OrdinalIgnoreCase);
                removed = true;
            }
        }
        // Teams pads mentions with non-breaking spaces (sometimes as the entity &nbsp;).
        return removed
            ? MultipleSpaces().Replace(text.Replace("&nbsp;", " ", StringComparison.OrdinalIgnoreCase).Replace('\u00a0', ' '), " ").Trim()
            : text;
    }

    [System.Text.RegularExpressions.GeneratedRegex(" {2,}")]
    private static partial System.Text.RegularExpressions.Regex MultipleSpaces();

    private static string? StringProperty(JsonElement element, string name)
        => element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
