using System.Text.Json;
using SpasmBot.Knowledge;
using SpasmBot.Safety;

namespace SpasmBot.Conversation;

/// <summary>One user message as the engine sees it: the text and, for card buttons, the submitted value.</summary>
public sealed record UserTurn(string? Text, JsonElement? Value = null, string? Locale = null);

/// <summary>
/// Decides what to do with one user message. The red-flag check runs first on every message, even in
/// the middle of a checklist or a confirmation; then pending dialogs, card submits, small talk and
/// finally FAQ retrieval. Used by the bot and, statelessly, by <c>ask</c>.
/// </summary>
public sealed class TurnEngine(ISafetyCheck safety, IKnowledgeBase knowledge, ChitChat chitChat, LanguageCheck language, TriageChecklist checklist)
{
    // Retrieval only needs the start of a long message; the safety check always reads all of it.
    private const int MaxQuestionChars = 1000;
    private const int MaxRelated = 3;

    public TurnOutcome Decide(UserTurn turn, ConversationState state)
    {
        var text = turn.Text?.Trim() ?? "";
        var assessment = safety.Assess(text);

        if (assessment.Tier >= SafetyTier.Urgent)
        {
            state.Triage = null;
            state.ConfirmingErasure = false;
            return SafetyRoute(assessment.Tier, assessment);
        }

        var submitted = CardSubmit.Read(turn.Value);
        if (state.Triage is { } pending)
        {
            var answer = submitted?.Answer ?? checklist.ParseAnswer(text, turn.Locale) ?? chitChat.YesNo(text);
            if (answer is not null)
            {
                return ContinueChecklist(pending, answer.Value, state, turn.Locale);
            }
            state.Triage = null;
        }

        if (assessment.Tier == SafetyTier.Triage)
        {
            state.Triage = new PendingTriage { OriginalQuestion = text, Signals = assessment.Signals };
            return SafetyRoute(SafetyTier.Triage, assessment) with { ChecklistQuestion = 0 };
        }

        if (state.ConfirmingErasure)
        {
            state.ConfirmingErasure = false;
            var confirmed = chitChat.YesNo(text);
            if (confirmed is not null)
            {
                return confirmed.Value
                    ? Simple(Routes.ChitChat, "Done. I've deleted this conversation. You can start a new one any time.") with { EraseConversation = true }
                    : Simple(Routes.ChitChat, "Okay, I've kept it. What else would you like to know?");
            }
        }

        if (submitted?.FaqId is { } feedbackFaq && submitted.Helpful is { } helpful)
        {
            return Feedback(feedbackFaq, helpful, state);
        }
        if (submitted?.FaqId is { } chosenFaq && knowledge.Find(chosenFaq) is { } chosenEntry)
        {
            return AnswerWith(chosenEntry, 1.0, [], state);
        }

        if (PickedOffer(text, state) is { } picked)
        {
            return AnswerWith(picked, 1.0, [], state);
        }

        if (chitChat.Match(text) is { } small)
        {
            if (small.Remainder is { Length: > 0 } question)
            {
                // "hi, why does my back lock up?" is a question with a greeting in front.
                return Retrieve(question, state);
            }
            return SmallTalk(small.Intent, state);
        }

        if (text.Length == 0)
        {
            return Simple(Routes.NoAnswer, $"I didn't catch a question there. I can help with: {chitChat.TopicList}.");
        }
        if (language.IsLikelyNotEnglish(text))
        {
            return Simple(Routes.NoAnswer, "Sorry, I can only answer in English for now. If this is an emergency, call your local emergency number now.");
        }
        return Retrieve(text, state);
    }

    /// <summary>Runs FAQ retrieval for a question and turns the result into an answer, a clarifying choice or an honest no-answer.</summary>
    private TurnOutcome Retrieve(string question, ConversationState state)
    {
        var result = knowledge.Ask(question.Length > MaxQuestionChars ? question[..MaxQuestionChars] : question);
        var alternatives = result.Candidates.Take(5).Select(c => new DecisionAlternative(c.Entry.Id, c.Entry.Question, Round(c.Score))).ToList();
        var best = result.Best;
        switch (result.Outcome)
        {
            case AnswerOutcome.Answer when best is not null:
                var related = result.Candidates.Skip(1).Take(MaxRelated).Select(c => c.Entry).ToList();
                return AnswerWith(best.Entry, best.Score, related, state) with
                {
                    Decision = new Decision(Routes.Answer, best.Entry.Id, Round(best.Score), alternatives.Skip(1).ToList(), NoSafety),
                };
            case AnswerOutcome.Clarify when best is not null:
                var choices = result.Candidates.Take(3).Select(c => c.Entry).ToList();
                state.OfferedFaqIds = choices.Select(c => c.Id).ToList();
                return new TurnOutcome(new Decision(Routes.Clarify, null, Round(best.Score), alternatives, NoSafety))
                {
                    Choices = choices,
                    Text = "I'm not sure which of these you mean. Please pick one:",
                };
            default:
                state.OfferedFaqIds = [];
                return new TurnOutcome(new Decision(Routes.NoAnswer, null, best is null ? null : Round(best.Score), alternatives, NoSafety))
                {
                    Text = $"Sorry, I don't have a good answer to that. I'm a back-spasm FAQ bot, and I can help with: {chitChat.TopicList}. If you're worried about your symptoms, please talk to a doctor.",
                };
        }
    }

    private TurnOutcome AnswerWith(FaqEntry entry, double score, IReadOnlyList<FaqEntry> related, ConversationState state)
    {
        state.LastFaqId = entry.Id;
        state.OfferedFaqIds = related.Select(r => r.Id).ToList();
        return new TurnOutcome(new Decision(Routes.Answer, entry.Id, Round(score), [], NoSafety))
        {
            Entry = entry,
            Choices = related,
        };
    }

    private TurnOutcome ContinueChecklist(PendingTriage pending, bool yes, ConversationState state, string? locale)
    {
        var questions = checklist.Questions(locale);
        var question = questions[Math.Min(pending.NextQuestion, questions.Count - 1)];
        if (yes)
        {
            state.Triage = null;
            var signals = pending.Signals.Append($"checklist:{question.Id}").ToList();
            return SafetyRoute(question.YesTier, new SafetyAssessment(question.YesTier, signals));
        }
        pending.NextQuestion++;
        if (pending.NextQuestion < questions.Count)
        {
            return SafetyRoute(SafetyTier.Triage, new SafetyAssessment(SafetyTier.Triage, pending.Signals)) with { ChecklistQuestion = pending.NextQuestion };
        }
        // Every answer was "no": answer the question the visitor asked in the first place.
        state.Triage = null;
        var resumed = Retrieve(pending.OriginalQuestion, state);
        return resumed with { ChecklistCleared = true };
    }

    private TurnOutcome SmallTalk(ChitChatIntent intent, ConversationState state)
    {
        switch (intent.Name)
        {
            case "start-over":
                state.Triage = null;
                state.LastFaqId = null;
                state.OfferedFaqIds = [];
                break;
            case "forget-me":
                state.ConfirmingErasure = true;
                return Simple(Routes.ChitChat, chitChat.ReplyFor(intent)) with { AskYesNo = true };
            case "helpful" or "not-helpful" when state.LastFaqId is { } lastFaq:
                return Feedback(lastFaq, intent.Name == "helpful", state);
        }
        return Simple(Routes.ChitChat, chitChat.ReplyFor(intent));
    }

    private TurnOutcome Feedback(string faqId, bool helpful, ConversationState state)
    {
        var text = chitChat.ReplyFor(chitChat.Intent(helpful ? "helpful" : "not-helpful"));
        var related = helpful ? [] : state.OfferedFaqIds.Select(knowledge.Find).OfType<FaqEntry>().ToList();
        return new TurnOutcome(new Decision(Routes.Feedback, faqId, null, [], NoSafety) { Helpful = helpful })
        {
            Text = text,
            Choices = related,
        };
    }

    // A number ("2") or the exact text of a question SpasmBot just offered picks that entry.
    private FaqEntry? PickedOffer(string text, ConversationState state)
    {
        if (state.OfferedFaqIds.Count == 0 || text.Length == 0)
        {
            return null;
        }
        if (int.TryParse(text.TrimEnd('.', ')'), out var number) && number >= 1 && number <= state.OfferedFaqIds.Count)
        {
            return knowledge.Find(state.OfferedFaqIds[number - 1]);
        }
        var words = TextShape.Words(text);
        return state.OfferedFaqIds.Select(knowledge.Find).OfType<FaqEntry>()
            .FirstOrDefault(e => TextShape.Words(e.Question) == words);
    }

    private static TurnOutcome SafetyRoute(SafetyTier tier, SafetyAssessment assessment)
    {
        var route = tier.Route() ?? Routes.Triage;
        return new TurnOutcome(new Decision(route, null, null, [], Trace(assessment))) { Safety = assessment };
    }

    private static TurnOutcome Simple(string route, string text) => new(new Decision(route, null, null, [], NoSafety)) { Text = text };

    private static SafetyTrace Trace(SafetyAssessment assessment) =>
        new(assessment.Tier.Name(), assessment.Signals);

    private static readonly SafetyTrace NoSafety = new("none", []);

    private static double Round(double score) => Math.Round(score, 4);
}
