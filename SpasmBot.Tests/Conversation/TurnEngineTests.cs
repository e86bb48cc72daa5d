using System.Text.Json;
using Moq;
using SpasmBot.Conversation;
using SpasmBot.Knowledge;
using SpasmBot.Safety;

namespace SpasmBot.Tests.Conversation;

public class TurnEngineTests
{
    private static readonly FaqEntry Heat = Entry("heat", "Is heat good for back spasms?");
    private static readonly FaqEntry Sleep = Entry("sleep", "How should I sleep with back spasms?");
    private static readonly FaqEntry Causes = Entry("causes", "What causes lower back spasms?");

    private readonly Mock<ISafetyCheck> _safety = new();
    private readonly Mock<IKnowledgeBase> _knowledge = new();
    private readonly TriageChecklist _checklist = new(
        new TriageChecklistFile
        {
            Languages =
            {
                ["en"] = new TriageChecklistText
                {
                    Intro = "Before I answer, a few quick safety questions.",
                    YesWords = ["yes"],
                    NoWords = ["no"],
                    Questions =
                    [
                        new TriageQuestion { Id = "bladder", Text = "Any new trouble controlling your bladder or bowels?", YesTier = SafetyTier.Emergency },
                        new TriageQuestion { Id = "fever", Text = "Do you have a fever or feel very unwell?", YesTier = SafetyTier.Urgent },
                    ],
                },
            },
        },
        TestCorpus.Locales);
    private readonly ConversationState _state = new();

    public TurnEngineTests()
    {
        _safety.Setup(s => s.Assess(It.IsAny<string>())).Returns(SafetyAssessment.None);
        _knowledge.Setup(k => k.Find(It.IsAny<string>())).Returns((string id) => new[] { Heat, Sleep, Causes }.FirstOrDefault(e => e.Id == id));
        _knowledge.Setup(k => k.Ask(It.IsAny<string>())).Returns(new AnswerResult(AnswerOutcome.Answer, [new(Heat, 0.9), new(Sleep, 0.4)]));
    }

    private TurnEngine Engine() => new(_safety.Object, _knowledge.Object, TestCorpus.ChitChat, TestCorpus.Language, _checklist);

    private TurnOutcome Say(string text, JsonElement? value = null) => Engine().Decide(new UserTurn(text, value), _state);

    [Fact]
    public void An_emergency_is_routed_before_any_retrieval()
    {
        _safety.Setup(s => s.Assess("i peed myself and cant feel my legs"))
            .Returns(new SafetyAssessment(SafetyTier.Emergency, ["bladder"]));

        var outcome = Say("i peed myself and cant feel my legs");

        Assert.Equal(Routes.Emergency, outcome.Route);
        Assert.Equal("emergency", outcome.Decision.Safety.Tier);
        Assert.Contains("bladder", outcome.Decision.Safety.Signals);
        _knowledge.Verify(k => k.Ask(It.IsAny<string>()), Times.Never);
    }

    [Fact]
    public void A_borderline_message_asks_the_checklist_and_all_no_answers_the_original_question()
    {
        _safety.Setup(s => s.Assess("back pain worse at night, what helps?"))
            .Returns(new SafetyAssessment(SafetyTier.Triage, ["night-pain"]));

        var first = Say("back pain worse at night, what helps?");
        Assert.Equal(Routes.Triage, first.Route);
        Assert.Equal(0, first.ChecklistQuestion);

        var second = Say("no");
        Assert.Equal(Routes.Triage, second.Route);
        Assert.Equal(1, second.ChecklistQuestion);

        var resumed = Say("nope");
        Assert.Equal(Routes.Answer, resumed.Route);
        Assert.Equal("heat", resumed.Decision.FaqId);
        _knowledge.Verify(k => k.Ask("back pain worse at night, what helps?"), Times.Once);
    }

    [Fact]
    public void Yes_to_a_checklist_question_routes_to_that_questions_tier()
    {
        _safety.Setup(s => s.Assess("history of cancer and my back hurts"))
            .Returns(new SafetyAssessment(SafetyTier.Triage, ["cancer-history"]));
        Say("history of cancer and my back hurts");
        Say("no");

        var outcome = Say("yes");

        Assert.Equal(Routes.Urgent, outcome.Route);
        Assert.Contains("checklist:fever", outcome.Decision.Safety.Signals);
        Assert.Null(_state.Triage);
    }

    [Fact]
    public void A_red_flag_in_the_middle_of_the_checklist_still_alarms()
    {
        _safety.Setup(s => s.Assess("pain at night")).Returns(new SafetyAssessment(SafetyTier.Triage, ["night-pain"]));
        _safety.Setup(s => s.Assess("actually i want to end it all")).Returns(new SafetyAssessment(SafetyTier.Crisis, ["suicidal"]));
        Say("pain at night");

        Assert.Equal(Routes.Crisis, Say("actually i want to end it all").Route);
        Assert.Null(_state.Triage);
    }

    [Fact]
    public void Clarify_offers_choices_and_a_number_picks_one()
    {
        _knowledge.Setup(k => k.Ask("spasm")).Returns(new AnswerResult(AnswerOutcome.Clarify, [new(Heat, 0.5), new(Sleep, 0.48), new(Causes, 0.47)]));

        var clarify = Say("spasm");
        Assert.Equal(Routes.Clarify, clarify.Route);
        Assert.Equal(["heat", "sleep", "causes"], clarify.Choices.Select(c => c.Id));

        var picked = Say("2");
        Assert.Equal(Routes.Answer, picked.Route);
        Assert.Equal("sleep", picked.Decision.FaqId);
    }

    [Fact]
    public void Typing_an_offered_question_answers_it_directly()
    {
        _knowledge.Setup(k => k.Ask("spasm")).Returns(new AnswerResult(AnswerOutcome.Clarify, [new(Heat, 0.5), new(Causes, 0.47)]));
        Say("spasm");

        var picked = Say("What causes lower back spasms?");

        Assert.Equal("causes", picked.Decision.FaqId);
    }

    [Fact]
    public void No_answer_says_so_and_names_what_it_can_help_with()
    {
        _knowledge.Setup(k => k.Ask(It.IsAny<string>())).Returns(new AnswerResult(AnswerOutcome.NoAnswer, [new(Heat, 0.05)]));

        var outcome = Say("how do I change a tyre");

        Assert.Equal(Routes.NoAnswer, outcome.Route);
        Assert.Contains("don't have a good answer", outcome.Text);
        Assert.Contains("heat, ice", outcome.Text);
    }

    [Fact]
    public void Card_feedback_round_trips_the_faq_id_and_verdict()
    {
        var value = JsonDocument.Parse("""{"action":"feedback","faqId":"heat","helpful":false}""").RootElement;

        var outcome = Say("", value);

        Assert.Equal(Routes.Feedback, outcome.Route);
        Assert.Equal("heat", outcome.Decision.FaqId);
        Assert.False(outcome.Decision.Helpful);
    }

    [Theory]
    [InlineData("thanks!")]
    [InlineData("Who are you?")]
    [InlineData("are you a real doctor")]
    [InlineData("help")]
    public void Small_talk_gets_a_small_talk_reply(string text)
    {
        var outcome = Say(text);

        Assert.Equal(Routes.ChitChat, outcome.Route);
        Assert.False(string.IsNullOrWhiteSpace(outcome.Text));
        _knowledge.Verify(k => k.Ask(It.IsAny<string>()), Times.Never);
    }

    [Fact]
    public void A_greeting_in_front_of_a_question_still_answers_the_question()
    {
        var outcome = Say("hi there, is heat good for a back spasm?");

        Assert.Equal(Routes.Answer, outcome.Route);
        _knowledge.Verify(k => k.Ask("is heat good for a back spasm?"), Times.Once);
    }

    [Fact]
    public void Real_doctor_reply_says_it_is_not_a_doctor()
    {
        Assert.Contains("not a doctor", Say("are you a real doctor?").Text);
    }

    [Theory]
    [InlineData("tengo dolor de espalda, qué puedo hacer")]
    [InlineData("j'ai mal au dos depuis trois jours")]
    [InlineData("у меня болит спина")]
    public void Non_english_messages_get_a_polite_english_only_reply(string text)
    {
        var outcome = Say(text);

        Assert.Equal(Routes.NoAnswer, outcome.Route);
        Assert.Contains("only answer in English", outcome.Text);
        _knowledge.Verify(k => k.Ask(It.IsAny<string>()), Times.Never);
    }

    [Fact]
    public void A_long_message_is_answered_from_its_first_part()
    {
        var rambling = "so my lower back keeps seizing up when I bend over " + string.Join(' ', Enumerable.Repeat("and then", 2000));

        var outcome = Say(rambling);

        Assert.Equal(Routes.Answer, outcome.Route);
        _knowledge.Verify(k => k.Ask(It.Is<string>(q => q.Length <= 1000 && q.StartsWith("so my lower back"))), Times.Once);
    }

    [Fact]
    public void Forget_me_asks_for_confirmation_then_erases()
    {
        var ask = Say("delete my data");
        Assert.True(ask.AskYesNo);
        Assert.False(ask.EraseConversation);

        var done = Say("yes");

        Assert.True(done.EraseConversation);
        Assert.Contains("deleted", done.Text);
    }

    [Fact]
    public void Forget_me_answered_no_keeps_the_conversation()
    {
        Say("forget me");

        Assert.False(Say("no").EraseConversation);
    }

    [Fact]
    public void Start_over_drops_a_pending_checklist()
    {
        _safety.Setup(s => s.Assess("pain at night")).Returns(new SafetyAssessment(SafetyTier.Triage, ["night-pain"]));
        Say("pain at night");

        var outcome = Say("start over");

        Assert.Equal(Routes.ChitChat, outcome.Route);
        Assert.Null(_state.Triage);
    }

    private static FaqEntry Entry(string id, string question) =>
        new() { Id = id, Question = question, Answer = $"Answer to {question}", SourceDocument = "test.txt" };
}
