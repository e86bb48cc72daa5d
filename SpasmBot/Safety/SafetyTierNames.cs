namespace SpasmBot.Safety;

public static class SafetyTierNames
{
    /// <summary>
    /// The decision-trace route for a tier ("emergency", "crisis", "urgent", "triage"; the same strings as
    /// <c>Conversation.Routes</c>), or null for None: the message goes on to retrieval.
    /// </summary>
    public static string? Route(this SafetyTier tier) => tier switch
    {
        SafetyTier.Emergency => "emergency",
        SafetyTier.Crisis => "crisis",
        SafetyTier.Urgent => "urgent",
        SafetyTier.Triage => "triage",
        _ => null,
    };

    /// <summary>Lower-case tier name for traces and reports: "none", "triage", "urgent", "emergency", "crisis".</summary>
    public static string Name(this SafetyTier tier) => tier.ToString().ToLowerInvariant();
}
