using System.Text.Json;
using SpasmBot.Conversation;
using SpasmBot.Knowledge;
using SpasmBot.Protocol;
using SpasmBot.Safety;

namespace SpasmBot.Tests.Conversation;

public class ReplyBuilderTests
{
    private static readonly FaqEntry Heat = new() { Id = "heat", Question = "Is heat good for back spasms?", Answer = "Heat loosens tight muscles.", SourceDocument = "001_212b76eef31812ee.txt", Section = "Heat" };
    private static readonly FaqEntry Sleep = new() { Id = "sleep", Question = "How should I sleep with back spasms?", Answer = "Pillow between the knees.", SourceDocument = "001.txt" };

    private static ReplyBuilder Builder() => new(TestCorpus.ChitChat, TestCorpus.SafetyReplies, TestCorpus.Checklist, new SourceTitles(Path.Combine(TestCorpus.Directory, "sources.tsv")));

    private static Activity Inbound(string channel) => new()
    {
        Type = ActivityTypes.Message, Id = "a1", ChannelId = channel, Text = "q",
        From = new ChannelAccount { Id = "user" }, Recipient = new ChannelAccount { Id = "bot" },
        Conversation = new ConversationAccount { Id = "c1" },
    };

    private static TurnOutcome Answered() =>
        new(new Decision(Routes.Answer, "heat", 0.9, [], new SafetyTrace("none", []))) { Entry = Heat, Choices = [Sleep] };

    [Fact]
    public void On_webchat_an_answer_is_an_adaptive_card_with_source_feedback_and_related_questions()
    {
        var replies = Builder().Build(Inbound("webchat"), Answered());

        var message = replies[0];
        var card = JsonSerializer.SerializeToElement(message.Attachments!.Single().Content, ProtocolJson.Options);
        var text = card.GetRawText();
        Assert.Equal("application/vnd.microsoft.card.adaptive", message.Attachments!.Single().ContentType);
        Assert.Contains("Heat loosens tight muscles.", text);
        var blocks = card.GetProperty("body").EnumerateArray().Select(b => b.GetProperty("text").GetString()).ToList();
        Assert.Contains("Source: Back spasms: common questions (web Q&A page), \"Heat\"", blocks);
        var actions = card.GetProperty("actions").EnumerateArray().ToList();
        Assert.Equal(["Helpful", "Not helpful"], actions.Select(a => a.GetProperty("title").GetString()));
        Assert.False(actions[1].GetProperty("data").GetProperty("helpful").GetBoolean());
        Assert.Equal("heat", actions[1].GetProperty("data").GetProperty("faqId").GetString());
        Assert.Equal("How should I sleep with back spasms?", message.SuggestedActions!.Actions.Single().Value);
    }

    [Fact]
    public void On_sms_an_answer_is_plain_text_with_numbered_related_questions()
    {
        var message = Builder().Build(Inbound("sms"), Answered())[0];

        Assert.Null(message.Attachments);
        Assert.Null(message.SuggestedActions);
        Assert.Contains("Heat loosens tight muscles.", message.Text);
        Assert.Contains("Source: Back spasms: common questions (web Q&A page), \"Heat\"", message.Text);
        Assert.Contains("1. How should I sleep with back spasms?", message.Text);
    }

    [Fact]
    public void On_teams_related_questions_become_card_buttons_because_suggested_actions_only_show_in_personal_chats()
    {
        var message = Builder().Build(Inbound("msteams"), Answered())[0];

        Assert.Null(message.SuggestedActions);
        Assert.Equal(["application/vnd.microsoft.card.adaptive", "application/vnd.microsoft.card.hero"], message.Attachments!.Select(a => a.ContentType));
        var buttons = JsonSerializer.SerializeToElement(message.Attachments![1].Content, ProtocolJson.Options).GetProperty("buttons");
        Assert.Equal("How should I sleep with back spasms?", buttons[0].GetProperty("value").GetString());
    }

    [Fact]
    public void Every_turn_ends_with_exactly_one_decision_trace()
    {
        var replies = Builder().Build(Inbound("emulator"), Answered());

        var trace = Assert.Single(replies, r => r.Type == ActivityTypes.Trace);
        Assert.Same(trace, replies[^1]);
        Assert.Equal("SpasmBot.Decision", trace.Name);
        Assert.Equal("https://spasmbot/decision", trace.ValueType);
        var value = JsonSerializer.SerializeToElement(trace.Value, ProtocolJson.Options);
        Assert.Equal("answer", value.GetProperty("route").GetString());
        Assert.Equal("heat", value.GetProperty("faqId").GetString());
        Assert.Equal("none", value.GetProperty("safety").GetProperty("tier").GetString());
    }

    [Fact]
    public void An_emergency_reply_puts_the_routing_message_first_with_a_call_button()
    {
        var outcome = new TurnOutcome(new Decision(Routes.Emergency, null, null, [], new SafetyTrace("emergency", ["bladder"])))
        {
            Safety = new SafetyAssessment(SafetyTier.Emergency, ["bladder"]),
        };

        var first = Builder().Build(Inbound("webchat"), outcome)[0];

        Assert.Contains("911", first.Text);
        var card = JsonSerializer.SerializeToElement(first.Attachments!.Single().Content, ProtocolJson.Options).GetRawText();
        Assert.Contains("tel:911", card);
        Assert.Contains("not a doctor", card);
    }

    [Fact]
    public void On_sms_an_emergency_reply_is_all_text_with_the_number_first()
    {
        var outcome = new TurnOutcome(new Decision(Routes.Emergency, null, null, [], new SafetyTrace("emergency", ["bladder"])))
        {
            Safety = new SafetyAssessment(SafetyTier.Emergency, ["bladder"]),
        };

        var first = Builder().Build(Inbound("sms"), outcome)[0];

        Assert.Null(first.Attachments);
        Assert.Contains("911", first.Text!.Split("\n")[0]);
    }

    [Fact]
    public void The_checklist_question_offers_yes_and_no()
    {
        var outcome = new TurnOutcome(new Decision(Routes.Triage, null, null, [], new SafetyTrace("triage", ["night"]))) { ChecklistQuestion = 0 };

        var message = Builder().Build(Inbound("webchat"), outcome)[0];

        Assert.Contains(TestCorpus.Checklist.Questions()[0].Text, message.Text);
        Assert.Equal(["Yes", "No"], message.SuggestedActions!.Actions.Select(a => a.Title));
    }

    [Fact]
    public void The_welcome_says_it_is_not_a_doctor_and_offers_starter_questions()
    {
        var welcome = Builder().Welcome(Inbound("webchat"));

        Assert.Contains("not a doctor", welcome[0].Text);
        Assert.InRange(welcome[0].SuggestedActions!.Actions.Count, 3, 4);
        Assert.Equal(ActivityTypes.Trace, welcome[^1].Type);
    }
}
