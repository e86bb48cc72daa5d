namespace SpasmBot.Safety;

/// <summary>Urgency tiers, lowest first. Crisis is ordered above emergency so a message with both gets the warm crisis reply plus the emergency number.</summary>
public enum SafetyTier { None, Triage, Urgent, Emergency, Crisis }

/// <summary>The red-flag check's verdict for one message: the tier and the signals (rule ids) that fired.</summary>
public sealed record SafetyAssessment(SafetyTier Tier, IReadOnlyList<string> Signals)
{
    public static readonly SafetyAssessment None = new(SafetyTier.None, []);
}

/// <summary>The red-flag check run on every user message before anything else. A test seam.</summary>
public interface ISafetyCheck
{
    SafetyAssessment Assess(string text);
}
