using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;

namespace SpasmBot.Tests.Conversation;

/// <summary>
/// Conversations as a Bot Framework Emulator would hold them: activities POSTed to /api/messages with
/// deliveryMode expectReplies, replies and the decision trace read from the response.
/// </summary>
public class ConversationOverHttpTests(WebApplicationFactory<Program> factory) : IClassFixture<WebApplicationFactory<Program>>
{
    private readonly HttpClient _http = factory.CreateClient();
    private readonly string _conversation = "conv-" + Guid.NewGuid().ToString("N");

    private async Task<List<JsonObject>> Send(JsonObject activity, string channel = "emulator")
    {
        activity["channelId"] ??= channel;
        activity["serviceUrl"] ??= "http://localhost:1/";
        activity["deliveryMode"] = "expectReplies";
        activity["conversation"] ??= new JsonObject { ["id"] = _conversation };
        activity["from"] ??= new JsonObject { ["id"] = "user-1", ["name"] = "Visitor" };
        activity["recipient"] ??= new JsonObject { ["id"] = "spasmbot", ["name"] = "SpasmBot" };
        activity["id"] ??= Guid.NewGuid().ToString("N");
        var response = await _http.PostAsJsonAsync("/api/messages", activity);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        return body!["activities"]!.AsArray().Select(a => a!.AsObject()).ToList();
    }

    private Task<List<JsonObject>> Say(string text, string channel = "emulator") =>
        Send(new JsonObject { ["type"] = "message", ["text"] = text }, channel);

    private static JsonObject Decision(List<JsonObject> activities)
    {
        var trace = Assert.Single(activities, a => (string?)a["type"] == "trace");
        Assert.Equal("SpasmBot.Decision", (string?)trace["name"]);
        Assert.Equal("https://spasmbot/decision", (string?)trace["valueType"]);
        return trace["value"]!.AsObject();
    }

    private static string Route(List<JsonObject> activities) => (string)Decision(activities)["route"]!;

    private static List<JsonObject> Messages(List<JsonObject> activities) =>
        activities.Where(a => (string?)a["type"] == "message").ToList();

    [Fact]
    public async Task A_visitor_joining_is_welcomed_with_starter_questions_and_told_it_is_not_a_doctor()
    {
        var activities = await Send(new JsonObject
        {
            ["type"] = "conversationUpdate",
            ["membersAdded"] = new JsonArray(new JsonObject { ["id"] = "spasmbot" }, new JsonObject { ["id"] = "user-1" }),
        });

        var welcome = Messages(activities).Single();
        Assert.Contains("not a doctor", (string?)welcome["text"]);
        Assert.InRange(welcome["suggestedActions"]!["actions"]!.AsArray().Count, 3, 4);
        Assert.Equal("welcome", Route(activities));
    }

    [Fact]
    public async Task Only_the_bot_joining_outside_teams_sends_no_welcome()
    {
        var activities = await Send(new JsonObject
        {
            ["type"] = "conversationUpdate",
            ["membersAdded"] = new JsonArray(new JsonObject { ["id"] = "spasmbot" }),
        }, channel: "webchat");

        Assert.Empty(Messages(activities));
    }

    [Fact]
    public async Task A_question_is_answered_with_a_card_that_shows_its_source()
    {
        var activities = await Say("how should i sleep with a back spasm");

        Assert.Equal("answer", Route(activities));
        var card = Messages(activities)[0]["attachments"]![0]!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)card["contentType"]);
        Assert.Contains("Source:", card["content"]!.ToJsonString());
        Assert.False(string.IsNullOrEmpty((string?)Decision(activities)["faqId"]));
    }

    [Fact]
    public async Task Not_helpful_feedback_round_trips_and_is_acknowledged()
    {
        var answer = await Say("is heat good for back spasms");
        var faqId = (string)Decision(answer)["faqId"]!;
        var notHelpful = Messages(answer)[0]["attachments"]![0]!["content"]!["actions"]!.AsArray()
            .Single(a => (string?)a!["title"] == "Not helpful")!["data"]!.DeepClone();

        var activities = await Send(new JsonObject { ["type"] = "message", ["value"] = notHelpful });

        var decision = Decision(activities);
        Assert.Equal("feedback", (string?)decision["route"]);
        Assert.Equal(faqId, (string?)decision["faqId"]);
        Assert.False((bool)decision["helpful"]!);
        Assert.Contains("Sorry", (string?)Messages(activities)[0]["text"]);
    }

    [Fact]
    public async Task An_emergency_is_routed_first_before_any_answer()
    {
        var activities = await Say("my back is in spasm and i peed myself without noticing");

        Assert.Equal("emergency", Route(activities));
        var first = Messages(activities)[0];
        Assert.Contains("911", (string?)first["text"]);
        Assert.NotEmpty(Decision(activities)["safety"]!["signals"]!.AsArray());
    }

    [Fact]
    public async Task Thoughts_of_suicide_get_the_crisis_line()
    {
        var activities = await Say("honestly i want to kill myself, this pain never ends");

        Assert.Equal("crisis", Route(activities));
        Assert.Contains("988", (string?)Messages(activities)[0]["text"]);
    }

    [Fact]
    public async Task A_fall_at_an_older_age_is_sent_to_urgent_care_today()
    {
        var activities = await Say("i'm 81 with osteoporosis and slipped in the kitchen yesterday, now my back really hurts");

        Assert.Equal("urgent", Route(activities));
        Assert.Contains("today", (string?)Messages(activities)[0]["text"], StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_borderline_message_gets_the_checklist_and_all_no_resumes_the_question()
    {
        var first = await Say("my back pain has been really bad at night for weeks, what can i take for it");
        Assert.Equal("triage", Route(first));

        var activities = first;
        for (var i = 0; i < 10 && Route(activities) == "triage"; i++)
        {
            Assert.Equal(["Yes", "No"], Messages(activities)[0]["suggestedActions"]!["actions"]!.AsArray().Select(a => (string?)a!["title"]));
            activities = await Say("No");
        }

        Assert.Contains(Route(activities), new[] { "answer", "clarify", "no-answer" });
    }

    [Fact]
    public async Task Yes_on_the_checklist_routes_to_urgent_or_emergency_care()
    {
        var first = await Say("i had cancer a few years ago and now my back hurts");
        Assert.Equal("triage", Route(first));

        var activities = await Say("yes");

        Assert.Contains(Route(activities), new[] { "urgent", "emergency" });
    }

    [Fact]
    public async Task An_off_topic_question_is_declined_honestly()
    {
        var activities = await Say("how do i change the brake pads on my car");

        Assert.Equal("no-answer", Route(activities));
        Assert.Contains("don't have a good answer", (string?)Messages(activities)[0]["text"]);
    }

    [Fact]
    public async Task Every_user_message_gets_exactly_one_decision_trace_but_only_the_emulator_sees_it()
    {
        foreach (var text in new[] { "hi", "thanks", "what causes back spasms", "¿qué?", "" })
        {
            Decision(await Say(text));
        }

        var webchat = await Say("what causes back spasms", channel: "webchat");
        Assert.DoesNotContain(webchat, a => (string?)a["type"] == "trace");
    }

    [Fact]
    public async Task Asking_if_it_is_a_real_doctor_gets_an_honest_no()
    {
        var activities = await Say("are you a real doctor?");

        Assert.Equal("chitchat", Route(activities));
        Assert.Contains("not a doctor", (string?)Messages(activities)[0]["text"]);
    }

    [Fact]
    public async Task Plain_text_channels_get_numbered_choices_instead_of_cards()
    {
        var activities = await Say("what causes lower back spasms", channel: "sms");

        var message = Messages(activities)[0];
        Assert.Null(message["attachments"]);
        Assert.Null(message["suggestedActions"]);
        // The decision is not visible on sms (no traces), so accept either shape, each in plain text.
        var text = (string)message["text"]!;
        Assert.True(text.Contains("Source:") || text.Contains("1. "), text);
    }
}
