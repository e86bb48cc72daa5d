namespace SpasmBot.Safety;

/// <summary>Placeholder until the safety branch lands its data-driven checklist.</summary>
public sealed class TriageChecklist
{
    public IReadOnlyList<TriageQuestion> Questions { get; init; } = [];
    public string Intro { get; init; } = "";
}

public sealed record TriageQuestion(string Id, string Text, SafetyTier YesTier);
