using System.Text.Json;
using SpasmBot.Protocol;
using SpasmBot.Transcripts;

namespace SpasmBot.Conversation;

/// <summary>SpasmBot's activity handler: welcomes new members and answers every message through the turn engine.</summary>
public sealed class SpasmBotHandler(TurnEngine engine, ReplyBuilder replies, IConversationStateStore states) : ActivityHandler
{
    protected override async Task OnMessageActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        var conversationId = activity.Conversation?.Id ?? "";
        var state = await states.LoadAsync(conversationId, cancellationToken);
        var value = activity.Value is JsonElement element ? element : (JsonElement?)null;

        var outcome = engine.Decide(new UserTurn(activity.Text, value, activity.Locale), state);

        turnContext.TurnState[Decision.TurnStateKey] = outcome.Decision;
        if (outcome.EraseConversation)
        {
            turnContext.TurnState[TranscriptTurnState.EraseConversationRequested] = true;
            await states.DeleteAsync(conversationId, cancellationToken);
        }
        else
        {
            await states.SaveAsync(conversationId, state, cancellationToken);
        }
        await turnContext.SendActivitiesAsync(replies.Build(activity, outcome), cancellationToken);
    }

    protected override async Task OnMembersAddedAsync(IReadOnlyList<ChannelAccount> membersAdded, ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var botId = turnContext.Activity.Recipient?.Id;
        var userJoined = membersAdded.Any(m => m.Id != botId);
        // Teams announces an install as the bot itself joining: that is when a Teams user should be welcomed.
        var installedInTeams = turnContext.Activity.ChannelId == "msteams" && membersAdded.Any(m => m.Id == botId);
        if (userJoined || installedInTeams)
        {
            var welcome = replies.Welcome(turnContext.Activity);
            turnContext.TurnState[Decision.TurnStateKey] = welcome.Last().Value!;
            await turnContext.SendActivitiesAsync(welcome, cancellationToken);
        }
    }

    protected override async Task<InvokeResponse> OnInvokeActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        if (turnContext.Activity.Name != "adaptiveCard/action")
        {
            return await base.OnInvokeActivityAsync(turnContext, cancellationToken);
        }
        // Action.Execute carries its data under value.action.data; answer it like a submitted card.
        var data = turnContext.Activity.Value is JsonElement { ValueKind: JsonValueKind.Object } v
            && v.TryGetProperty("action", out var action) && action.TryGetProperty("data", out var d) ? d : (JsonElement?)null;
        turnContext.Activity.Value = data;
        await OnMessageActivityAsync(turnContext, cancellationToken);
        return new InvokeResponse(200, new { statusCode = 200, type = "application/vnd.microsoft.activity.message", value = "Thanks!" });
    }
}
