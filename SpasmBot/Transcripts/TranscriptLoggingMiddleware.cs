using System.Text.Json;
using Microsoft.Extensions.Options;
using SpasmBot.Conversation;
using SpasmBot.Protocol;

namespace SpasmBot.Transcripts;

/// <summary>
/// Logs every turn: the inbound activity, everything the bot sends (traces included) and the decision, redacted,
/// under a pseudonymous user id. The write happens in <c>finally</c>, so a turn that throws is logged too, with a
/// turnError row. When the visitor confirmed "forget me", the conversation is erased instead.
/// </summary>
public sealed class TranscriptLoggingMiddleware(
    TranscriptJournal journal,
    Redactor redactor,
    UserPseudonymizer pseudonyms,
    IOptions<TranscriptOptions> options,
    ILogger<TranscriptLoggingMiddleware> logger) : Protocol.IMiddleware
{
    public async Task OnTurnAsync(ITurnContext turnContext, Func<CancellationToken, Task> next, CancellationToken cancellationToken)
    {
        var inbound = turnContext.Activity;
        var conversationId = inbound.Conversation?.Id;
        if (!options.Value.Enabled || string.IsNullOrEmpty(conversationId))
        {
            await next(cancellationToken);
            return;
        }

        var turn = new TurnLog(conversationId, inbound.ChannelId ?? "", pseudonyms.Pseudonymize(inbound.ChannelId, inbound.From?.Id));
        var gate = new Lock();
        var sent = new List<(Activity Activity, DateTimeOffset At)>();
        var turnOver = false;
        turnContext.OnSendActivities(async (context, activities, sendNext) =>
        {
            List<TranscriptEvent>? late = null;
            lock (gate)
            {
                if (turnOver)
                {
                    // Sent after this middleware finished (e.g. the runner's apology after an error): log it now.
                    late = activities.Select(a => Outgoing(turn, a, DateTimeOffset.UtcNow)).ToList();
                }
                else
                {
                    sent.AddRange(activities.Select(a => (a, DateTimeOffset.UtcNow)));
                }
            }
            if (late is not null)
            {
                await journal.AppendAsync(late);
            }
            return await sendNext();
        });

        Exception? failure = null;
        try
        {
            await next(cancellationToken);
        }
        catch (Exception error)
        {
            failure = error;
            throw;
        }
        finally
        {
            List<(Activity Activity, DateTimeOffset At)> outgoing;
            lock (gate)
            {
                turnOver = true;
                outgoing = [.. sent];
            }
            await journal.AppendAsync(SafeBuildEvents(turnContext, turn, outgoing, failure));
        }
    }

    /// <summary>Logging must never break a turn: if an odd activity trips the mapping, the inbound text is still kept.</summary>
    private List<TranscriptEvent> SafeBuildEvents(ITurnContext turnContext, TurnLog turn, List<(Activity Activity, DateTimeOffset At)> outgoing, Exception? failure)
    {
        try
        {
            return BuildEvents(turnContext, turn, outgoing, failure);
        }
        catch (Exception error)
        {
            logger.LogError(error, "Could not map a turn of conversation {ConversationId} for the transcript; logging its text only", turn.ConversationId);
            var inbound = turnContext.Activity;
            return
            [
                new TranscriptEvent
                {
                    ConversationId = turn.ConversationId, Channel = turn.Channel, UserId = turn.UserId, Direction = TranscriptDirections.In,
                    ActivityType = inbound.Type ?? "", Text = redactor.Redact(inbound.Text),
                },
                .. outgoing.Where(o => o.Activity.Type == ActivityTypes.Message).Select(o => new TranscriptEvent
                {
                    ConversationId = turn.ConversationId, Channel = turn.Channel, UserId = turn.UserId, Direction = TranscriptDirections.Out,
                    At = o.At, ActivityType = ActivityTypes.Message, Text = redactor.Redact(o.Activity.Text),
                }),
            ];
        }
    }

    private List<TranscriptEvent> BuildEvents(ITurnContext turnContext, TurnLog turn, List<(Activity Activity, DateTimeOffset At)> outgoing, Exception? failure)
    {
        if (turnContext.TurnState.TryGetValue(TranscriptTurnState.EraseConversationRequested, out var erase) && erase is true)
        {
            return [new TranscriptEvent { Kind = TranscriptEvent.EraseKind, ConversationId = turn.ConversationId, Actor = "visitor" }];
        }

        var decision = FindDecision(turnContext, outgoing.Select(o => o.Activity));
        var inbound = turnContext.Activity;
        var events = new List<TranscriptEvent>(outgoing.Count + 2)
        {
            new()
            {
                ConversationId = turn.ConversationId, Channel = turn.Channel, UserId = turn.UserId,
                At = inbound.Timestamp ?? DateTimeOffset.UtcNow, Direction = TranscriptDirections.In,
                ActivityType = inbound.Type ?? "", Text = redactor.Redact(inbound.Text),
                Route = decision?.Route, FaqId = decision?.FaqId, Score = decision?.Score,
                SafetyTier = decision?.Safety?.Tier, Signals = decision?.Safety?.Signals is { } signals ? string.Join(",", signals) : null,
                Helpful = decision?.Helpful,
            },
        };
        events.AddRange(outgoing.Select(o => Outgoing(turn, o.Activity, o.At)));
        if (failure is not null)
        {
            // The exception type only: messages can quote visitor text.
            events.Add(new TranscriptEvent
            {
                ConversationId = turn.ConversationId, Channel = turn.Channel, UserId = turn.UserId,
                Direction = TranscriptDirections.Out, ActivityType = TranscriptActivityTypes.TurnError, Text = failure.GetType().Name,
            });
        }
        return events;
    }

    private TranscriptEvent Outgoing(TurnLog turn, Activity activity, DateTimeOffset at)
    {
        var decision = activity.Type == ActivityTypes.Trace && activity.Name == Decision.TraceName ? ReadDecision(activity.Value) : null;
        return new TranscriptEvent
        {
            ConversationId = turn.ConversationId, Channel = turn.Channel, UserId = turn.UserId,
            At = at, Direction = TranscriptDirections.Out, ActivityType = activity.Type ?? "",
            Text = activity.Type == ActivityTypes.Trace ? activity.Name : redactor.Redact(DisplayText(activity)),
            Route = decision?.Route, FaqId = decision?.FaqId, Score = decision?.Score,
            SafetyTier = decision?.Safety?.Tier, Signals = decision?.Safety?.Signals is { } signals ? string.Join(",", signals) : null,
            Helpful = decision?.Helpful,
            DecisionJson = decision is null ? null : JsonSerializer.Serialize(decision),
        };
    }

    private static string? DisplayText(Activity activity)
    {
        if (!string.IsNullOrEmpty(activity.Text))
        {
            return activity.Text;
        }
        return activity.Attachments is { Count: > 0 } attachments
            ? string.Join(" ", attachments.Select(a => $"[{a.ContentType}]"))
            : null;
    }

    private static Decision? FindDecision(ITurnContext turnContext, IEnumerable<Activity> outgoing)
    {
        if (turnContext.TurnState.TryGetValue(Decision.TurnStateKey, out var stored) && stored is Decision decision)
        {
            return decision;
        }
        var trace = outgoing.LastOrDefault(a => a.Type == ActivityTypes.Trace && a.Name == Decision.TraceName);
        return trace is null ? null : ReadDecision(trace.Value);
    }

    private static Decision? ReadDecision(object? value)
    {
        try
        {
            var decision = value switch
            {
                Decision d => d,
                JsonElement json => json.Deserialize<Decision>(ProtocolJson.Options),
                null => null,
                _ => JsonSerializer.Deserialize<Decision>(JsonSerializer.Serialize(value, ProtocolJson.Options), ProtocolJson.Options),
            };
            // A trace from another bot version may lack fields the record declares non-null.
            return decision is null ? null : decision with
            {
                Route = decision.Route ?? "",
                Alternatives = decision.Alternatives ?? [],
                Safety = decision.Safety is null ? new SafetyTrace("none", []) : decision.Safety with { Signals = decision.Safety.Signals ?? [] },
            };
        }
        catch (JsonException)
        {
            return null; // a malformed trace must not cost the log of the turn
        }
    }

    private sealed record TurnLog(string ConversationId, string Channel, string UserId);
}
