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

public static class SafetyAssessments
{
    /// <summary>
    /// The most urgent of several assessments (e.g. each user message of a conversation), with every signal once,
    /// most urgent first. Lets a dialog keep the highest tier seen so far instead of only the last message's.
    /// </summary>
    public static SafetyAssessment MostUrgent(IEnumerable<SafetyAssessment> assessments)
    {
        var list = assessments.Where(a => a.Tier != SafetyTier.None).OrderByDescending(a => a.Tier).ToList();
        return list.Count == 0
            ? SafetyAssessment.None
            : new SafetyAssessment(list[0].Tier, [.. list.SelectMany(a => a.Signals).Distinct()]);
    }
}
