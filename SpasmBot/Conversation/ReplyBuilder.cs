using System.Text;
using SpasmBot.Channels;
using SpasmBot.Knowledge;
using SpasmBot.Protocol;
using SpasmBot.Safety;

namespace SpasmBot.Conversation;

/// <summary>
/// Turns a <see cref="TurnOutcome"/> into the activities of one turn for a given channel: an Adaptive Card
/// where cards render, plain text with numbered choices where they do not, and always the decision trace last.
/// </summary>
public sealed class ReplyBuilder(ChitChat chitChat, SafetyReplies safetyReplies, TriageChecklist checklist, SourceTitles sources)
{
    public const string NotADoctor = "SpasmBot shares general information, not medical advice. It is not a doctor.";

    public IReadOnlyList<Activity> Build(Activity inbound, TurnOutcome outcome)
    {
        var style = ChannelCapabilities.For(inbound.ChannelId);
        var replies = new List<Activity>();
        if (outcome.ChecklistCleared)
        {
            replies.Add(inbound.CreateReply(checklist.For(inbound.Locale).AllNo));
        }
        switch (outcome.Route)
        {
            case Routes.Emergency or Routes.Crisis or Routes.Urgent:
                replies.Add(SafetyMessage(inbound, outcome, style));
                break;
            case Routes.Triage when outcome.ChecklistQuestion is { } index:
                replies.Add(ChecklistQuestion(inbound, index, style));
                break;
            case Routes.Answer when outcome.Entry is not null:
                replies.Add(Answer(inbound, outcome.Entry, outcome.Choices, style));
                break;
            default:
                var reply = inbound.CreateReply(outcome.Text);
                var choices = outcome.Choices.Select(c => c.Question).ToList();
                if (outcome.AskYesNo)
                {
                    choices = ["Yes", "No"];
                }
                AddChoices(reply, choices, style, numbered: outcome.Route == Routes.Clarify || outcome.Route == Routes.Feedback);
                replies.Add(reply);
                break;
        }
        replies.Add(inbound.CreateTrace(Decision.TraceName, outcome.Decision, Decision.TraceValueType, "SpasmBot decision"));
        return replies;
    }

    /// <summary>The welcome: who SpasmBot is, that it is not a doctor, and starter questions.</summary>
    public IReadOnlyList<Activity> Welcome(Activity inbound)
    {
        var style = ChannelCapabilities.For(inbound.ChannelId);
        var reply = inbound.CreateReply(
            "Hi, I'm SpasmBot. I answer common questions about back pain and back spasms from a library of health articles. " +
            "I'm not a doctor and can't diagnose you. If you have severe symptoms, such as losing control of your bladder, numbness between your legs or new weakness in your legs, call your emergency number now.\n\n" +
            "You could ask:");
        AddChoices(reply, chitChat.Data.Starters, style, numbered: false);
        var decision = new Decision(Routes.Welcome, null, null, [], new SafetyTrace("none", []));
        return [reply, inbound.CreateTrace(Decision.TraceName, decision, Decision.TraceValueType, "SpasmBot decision")];
    }

    private Activity Answer(Activity inbound, FaqEntry entry, IReadOnlyList<FaqEntry> related, ChannelCapabilities style)
    {
        var source = sources.Citation(entry);
        if (!style.SupportsAdaptiveCards)
        {
            var text = new StringBuilder().Append(entry.Answer).Append("\n\n").Append(source)
                .Append("\n\nWas this helpful? Reply \"helpful\" or \"not helpful\".");
            var plain = inbound.CreateReply(text.ToString());
            AddChoices(plain, related.Select(r => r.Question).ToList(), style, numbered: true, heading: "Related questions:");
            return plain;
        }
        var card = new Dictionary<string, object?>
        {
            ["type"] = "AdaptiveCard",
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["version"] = "1.4",
            ["body"] = new object[]
            {
                TextBlock(entry.Question, weight: "Bolder"),
                TextBlock(entry.Answer),
                TextBlock(source, subtle: true),
                TextBlock(NotADoctor, subtle: true),
            },
            ["actions"] = new object[]
            {
                SubmitAction("Helpful", new { action = CardSubmit.FeedbackAction, faqId = entry.Id, helpful = true }),
                SubmitAction("Not helpful", new { action = CardSubmit.FeedbackAction, faqId = entry.Id, helpful = false }),
            },
        };
        var reply = inbound.CreateReply();
        reply.Summary = entry.Answer;
        reply.Attachments = [new Attachment { ContentType = "application/vnd.microsoft.card.adaptive", Content = card }];
        AddChoices(reply, related.Select(r => r.Question).ToList(), style, numbered: false);
        return reply;
    }

    // The routing message goes first and alone at the top: the headline as the message text, the details
    // and call buttons in a card where cards render, everything as text where they do not.
    private Activity SafetyMessage(Activity inbound, TurnOutcome outcome, ChannelCapabilities style)
    {
        var message = safetyReplies.For(outcome.Safety.Tier, inbound.Locale)
            ?? throw new InvalidOperationException($"No routing message for tier {outcome.Safety.Tier}.");
        var reply = inbound.CreateReply(style.SupportsAdaptiveCards ? message.Headline : message.Text);
        reply.Importance = "high";
        if (!style.SupportsAdaptiveCards)
        {
            return reply;
        }
        var body = new List<object> { TextBlock(message.Headline, weight: "Bolder", color: "Attention") };
        body.AddRange(message.Lines.Select(line => TextBlock(line)));
        var card = new Dictionary<string, object?>
        {
            ["type"] = "AdaptiveCard",
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["version"] = "1.4",
            ["body"] = body,
        };
        var buttons = message.Actions.Where(a => style.SupportsCallButtons || !IsCallUri(a.Uri)).ToList();
        if (buttons.Count > 0)
        {
            card["actions"] = buttons.Select(a => new Dictionary<string, object?> { ["type"] = "Action.OpenUrl", ["title"] = a.Title, ["url"] = a.Uri }).ToList();
        }
        reply.Summary = message.Text;
        reply.Attachments = [new Attachment { ContentType = "application/vnd.microsoft.card.adaptive", Content = card }];
        return reply;
    }

    private static bool IsCallUri(string uri) => uri.StartsWith("tel:", StringComparison.Ordinal) || uri.StartsWith("sms:", StringComparison.Ordinal);

    private Activity ChecklistQuestion(Activity inbound, int index, ChannelCapabilities style)
    {
        var text = checklist.For(inbound.Locale);
        var question = text.Questions[index];
        var reply = inbound.CreateReply(index == 0 ? $"{text.Intro}\n\n{question.Text}" : question.Text);
        AddChoices(reply, [text.Yes, text.No], style, numbered: false, heading: style.SupportsSuggestedActions ? null : "Reply yes or no.");
        return reply;
    }

    // Buttons where the channel shows them: suggested actions, else a card of buttons (Teams shows suggested
    // actions only in personal chats), else the choices as a numbered (or bulleted) list in the text.
    private static void AddChoices(Activity reply, IReadOnlyList<string> choices, ChannelCapabilities style, bool numbered, string? heading = null)
    {
        if (choices.Count == 0)
        {
            if (heading is not null)
            {
                reply.Text = $"{reply.Text}\n\n{heading}";
            }
            return;
        }
        if (style.SupportsSuggestedActions)
        {
            reply.SuggestedActions = new SuggestedActions
            {
                Actions = choices.Take(Math.Max(style.MaxSuggestedActions, 1)).Select(c => new CardAction { Type = "imBack", Title = c, Value = c }).ToList(),
            };
            return;
        }
        if (style.SupportsAdaptiveCards)
        {
            var buttons = new Dictionary<string, object?>
            {
                ["buttons"] = choices.Take(style.MaxCardActions > 0 ? style.MaxCardActions : 6)
                    .Select(c => new CardAction { Type = "imBack", Title = c, Value = c }).ToList(),
            };
            reply.Attachments = [.. reply.Attachments ?? [], new Attachment { ContentType = "application/vnd.microsoft.card.hero", Content = buttons }];
            return;
        }
        var list = new StringBuilder(reply.Text);
        if (heading is not null)
        {
            list.Append("\n\n").Append(heading);
        }
        list.Append('\n');
        for (var i = 0; i < choices.Count; i++)
        {
            list.Append('\n').Append(numbered ? $"{i + 1}. " : "- ").Append(choices[i]);
        }
        if (numbered)
        {
            list.Append("\n\nReply with a number to choose.");
        }
        reply.Text = list.ToString();
    }

    private static Dictionary<string, object?> TextBlock(string text, string? weight = null, bool subtle = false, string? color = null)
    {
        var block = new Dictionary<string, object?> { ["type"] = "TextBlock", ["text"] = text, ["wrap"] = true };
        if (weight is not null)
        {
            block["weight"] = weight;
        }
        if (color is not null)
        {
            block["color"] = color;
        }
        if (subtle)
        {
            block["isSubtle"] = true;
            block["size"] = "Small";
        }
        return block;
    }

    private static Dictionary<string, object?> SubmitAction(string title, object data) =>
        new() { ["type"] = "Action.Submit", ["title"] = title, ["data"] = data };
}
