using System.Text.Json.Serialization;

namespace SpasmBot.Conversation;

/// <summary>Route names used in the decision trace, in transcripts and by <c>ask --json</c>.</summary>
public static class Routes
{
    public const string Welcome = "welcome";
    public const string Answer = "answer";
    public const string Clarify = "clarify";
    public const string NoAnswer = "no-answer";
    public const string ChitChat = "chitchat";
    public const string Feedback = "feedback";
    public const string Emergency = "emergency";
    public const string Crisis = "crisis";
    public const string Urgent = "urgent";
    public const string Triage = "triage";
}

public sealed record DecisionAlternative(
    [property: JsonPropertyName("faqId")] string FaqId,
    [property: JsonPropertyName("question")] string Question,
    [property: JsonPropertyName("score")] double Score);

public sealed record SafetyTrace(
    [property: JsonPropertyName("tier")] string Tier,
    [property: JsonPropertyName("signals")] IReadOnlyList<string> Signals);

/// <summary>
/// What the bot decided for one user message: the value of the <c>SpasmBot.Decision</c> trace activity.
/// </summary>
public sealed record Decision(
    [property: JsonPropertyName("route")] string Route,
    [property: JsonPropertyName("faqId")] string? FaqId,
    [property: JsonPropertyName("score")] double? Score,
    [property: JsonPropertyName("alternatives")] IReadOnlyList<DecisionAlternative> Alternatives,
    [property: JsonPropertyName("safety")] SafetyTrace Safety)
{
    /// <summary>On route "feedback": whether the user found the answer helpful.</summary>
    [JsonPropertyName("helpful")]
    public bool? Helpful { get; init; }

    public const string TraceName = "SpasmBot.Decision";
    public const string TraceValueType = "https://spasmbot/decision";
    /// <summary>Key of the decision in <see cref="Protocol.ITurnContext.TurnState"/>, for middleware.</summary>
    public const string TurnStateKey = "SpasmBot.Decision";
}
