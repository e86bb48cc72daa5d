using SpasmBot.Knowledge;
using SpasmBot.Safety;

namespace SpasmBot.Conversation;

/// <summary>
/// Everything the engine decided for one user message, before it is rendered for a channel.
/// <see cref="Decision"/> is what the trace, transcripts and <c>ask --json</c> report.
/// </summary>
public sealed record TurnOutcome(Decision Decision)
{
    public string Route => Decision.Route;

    /// <summary>The safety verdict for this message (also for safety routes reached through the checklist).</summary>
    public SafetyAssessment Safety { get; init; } = SafetyAssessment.None;

    /// <summary>On answer: the entry answered.</summary>
    public FaqEntry? Entry { get; init; }

    /// <summary>On answer: related questions; on clarify: the choices; on no-answer: nothing.</summary>
    public IReadOnlyList<FaqEntry> Choices { get; init; } = [];

    /// <summary>Plain reply text for chit-chat, feedback, no-answer and the English-only notice.</summary>
    public string? Text { get; init; }

    /// <summary>On triage: the checklist question to ask now (0-based).</summary>
    public int? ChecklistQuestion { get; init; }

    /// <summary>Every checklist answer was "no": this answers the question that started it.</summary>
    public bool ChecklistCleared { get; init; }

    /// <summary>The visitor confirmed "forget me".</summary>
    public bool EraseConversation { get; init; }

    /// <summary>Buttons for yes/no confirmations (forget me).</summary>
    public bool AskYesNo { get; init; }
}
