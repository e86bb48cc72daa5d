namespace SpasmBot.Protocol;

/// <summary>
/// Dispatches a turn by activity type, like the SDK's ActivityHandler. Unknown types are ignored.
/// Invoke handlers store their <see cref="InvokeResponse"/> in TurnState under <see cref="InvokeResponseKey"/>.
/// </summary>
public abstract class ActivityHandler : IBot
{
    public const string InvokeResponseKey = "BotFramework.InvokeResponse";

    public virtual async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        switch (turnContext.Activity.Type)
        {
            case ActivityTypes.Message:
                await OnMessageActivityAsync(turnContext, cancellationToken);
                break;
            case ActivityTypes.ConversationUpdate:
                var added = turnContext.Activity.MembersAdded ?? [];
                if (added.Count > 0)
                {
                    await OnMembersAddedAsync(added, turnContext, cancellationToken);
                }
                break;
            case ActivityTypes.InstallationUpdate:
                await OnInstallationUpdateAsync(turnContext, cancellationToken);
                break;
            case ActivityTypes.Event:
                await OnEventActivityAsync(turnContext, cancellationToken);
                break;
            case ActivityTypes.Invoke:
                var response = await OnInvokeActivityAsync(turnContext, cancellationToken);
                turnContext.TurnState[InvokeResponseKey] = response;
                break;
            default:
                await OnUnrecognizedActivityTypeAsync(turnContext, cancellationToken);
                break;
        }
    }

    protected virtual Task OnMessageActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Called with every member added; compare ids with <c>Activity.Recipient.Id</c> to skip the bot itself.</summary>
    protected virtual Task OnMembersAddedAsync(IReadOnlyList<ChannelAccount> membersAdded, ITurnContext turnContext, CancellationToken cancellationToken) => Task.CompletedTask;

    protected virtual Task OnInstallationUpdateAsync(ITurnContext turnContext, CancellationToken cancellationToken) => Task.CompletedTask;

    protected virtual Task OnEventActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Unhandled invoke names answer 501, as in the SDK.</summary>
    protected virtual Task<InvokeResponse> OnInvokeActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken)
        => Task.FromResult(new InvokeResponse(501));

    protected virtual Task OnUnrecognizedActivityTypeAsync(ITurnContext turnContext, CancellationToken cancellationToken) => Task.CompletedTask;
}
