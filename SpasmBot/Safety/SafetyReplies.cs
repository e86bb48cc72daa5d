namespace SpasmBot.Safety;

/// <summary>Placeholder until the safety branch lands its data-driven replies.</summary>
public sealed class SafetyReplies
{
    public string RoutingMessage(SafetyTier tier, string? locale) => tier switch
    {
        SafetyTier.Crisis => "I'm really sorry you're feeling this way. Please call or text 988 now, or call 911 if you are in danger.",
        SafetyTier.Emergency => "Call 911 now or go to the nearest emergency department.",
        SafetyTier.Urgent => "Please see a doctor or urgent care today.",
        _ => "A few quick safety questions first.",
    };

    public IReadOnlyList<(string Title, string Uri)> CallLinks(SafetyTier tier, string? locale) => [("Call 911", "tel:911")];
}
