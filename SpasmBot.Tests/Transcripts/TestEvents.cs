using SpasmBot.Conversation;
using SpasmBot.Transcripts;

namespace SpasmBot.Tests.Transcripts;

/// <summary>Builds the events a turn produces, for seeding stores directly.</summary>
public static class TestEvents
{
    public static IReadOnlyList<TranscriptEvent> Turn(string conversationId, string userText, string route, DateTimeOffset at,
        string channel = "webchat", string user = "u_test", string? faqId = null, double? score = null, string tier = "None",
        string signals = "", bool? helpful = null, string botText = "A reply.")
    {
        var decision = new Decision(route, faqId, score,
            faqId is null ? [] : [new DecisionAlternative("faq-runner-up", "A runner-up question?", (score ?? 0.5) / 2)],
            new SafetyTrace(tier, signals.Length == 0 ? [] : signals.Split(','))) { Helpful = helpful };
        return
        [
            new TranscriptEvent
            {
                ConversationId = conversationId, Channel = channel, UserId = user, At = at, Direction = TranscriptDirections.In,
                Text = userText, Route = route, FaqId = faqId, Score = score, SafetyTier = tier, Signals = signals, Helpful = helpful,
            },
            new TranscriptEvent
            {
                ConversationId = conversationId, Channel = channel, UserId = user, At = at.AddMilliseconds(5), Direction = TranscriptDirections.Out,
                Text = botText,
            },
            new TranscriptEvent
            {
                ConversationId = conversationId, Channel = channel, UserId = user, At = at.AddMilliseconds(6), Direction = TranscriptDirections.Out,
                ActivityType = "trace", Text = Decision.TraceName, Route = route, FaqId = faqId, Score = score, SafetyTier = tier, Signals = signals,
                Helpful = helpful, DecisionJson = System.Text.Json.JsonSerializer.Serialize(decision),
            },
        ];
    }
}
