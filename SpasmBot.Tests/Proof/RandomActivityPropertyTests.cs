using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using SpasmBot.Protocol;

namespace SpasmBot.Tests.Proof;

/// <summary>
/// Random activities (random types, random Unicode text including lone surrogates and control characters, random
/// values, missing fields) thrown at /api/messages on the whole product: nothing escapes as a 5xx, a message gets
/// exactly one decision trace with a known route, other types never fail, and the host keeps serving.
/// </summary>
[Trait("Category", "Proof")]
[Trait("Proof", "Hostile input")]
public sealed class RandomActivityPropertyTests(ProofHost host) : IClassFixture<ProofHost>
{
    private static readonly string[] OtherTypes =
    [
        "conversationUpdate", "event", "typing", "messageReaction", "endOfConversation", "installationUpdate",
        "deleteUserData", "contactRelationUpdate", "messageUpdate", "messageDelete", "trace", "handoff", "suggestion",
    ];

    private static readonly string[] Questions =
    [
        "What causes back spasms?", "heat or ice", "I can't feel my legs and my back hurts", "forget me", "yes", "2",
        "thanks", "who are you", "help", "start over", "¿Qué causa los espasmos?",
    ];

    /// <summary>Any UTF-16 code unit, lone surrogates included.</summary>
    private static readonly Gen<string> AnyText =
        Gen.ArrayOf(Gen.Choose(0, 0xFFFF).Select(i => (char)i)).Select(chars => new string(chars));

    private static readonly Gen<JsonNode?> Values = Gen.OneOf(
        Gen.Constant<JsonNode?>(null),
        Gen.Choose(int.MinValue, int.MaxValue).Select(i => (JsonNode?)JsonValue.Create(i)),
        AnyText.Select(s => (JsonNode?)JsonValue.Create(s)),
        Gen.Zip(Gen.Elements("feedback", "choose", "x", ""), Gen.Elements(true, false)).Select(p =>
            (JsonNode?)new JsonObject { ["action"] = p.Item1, ["faqId"] = "no-such-faq", ["helpful"] = p.Item2 }),
        Gen.Choose(0, 3).Select(n => (JsonNode?)new JsonArray([.. Enumerable.Range(0, n).Select(i => (JsonNode?)JsonValue.Create(i)), null, new JsonObject()])));

    private static readonly Gen<JsonObject> Activities =
        from type in Gen.Frequency((6, Gen.Constant<string?>("message")), (4, Gen.Elements(OtherTypes).Select(t => (string?)t)),
            (1, AnyText.Select(t => (string?)t)), (1, Gen.Constant<string?>(null)))
        from text in Gen.Frequency((3, AnyText.Select(t => (string?)t)), (2, Gen.Elements(Questions).Select(t => (string?)t)),
            (1, Gen.Constant<string?>(null)))
        from value in Values
        from hasConversation in Gen.Frequency((9, Gen.Constant(true)), (1, Gen.Constant(false)))
        from hasFrom in Gen.Elements(true, false)
        from hasId in Gen.Elements(true, false)
        from userId in Gen.OneOf(AnyText, Gen.Constant("visitor"))
        select Build(type, text, value, hasConversation, hasFrom, hasId, userId);

    [Fact]
    public async Task Random_activities_never_break_the_pipeline()
    {
        var property = Prop.ForAll(Activities.ToArbitrary(), activity =>
        {
            var response = host.PostAsync(activity).GetAwaiter().GetResult();
            var type = activity["type"]?.GetValue<string>();
            var valid = activity["conversation"] is not null && !string.IsNullOrWhiteSpace(type);
            if (!valid)
            {
                return response.StatusCode == HttpStatusCode.BadRequest;
            }
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return false;
            }
            var replies = response.Content.ReadFromJsonAsync<ExpectedReplies>(ProtocolJson.Options).GetAwaiter().GetResult()!.Activities;
            if (type == ActivityTypes.Message)
            {
                ProofHost.AssertOneDecision(replies);
            }
            return replies.All(a => a.Text != BotTurnRunner.ApologyText);
        });

        // Off the test's synchronization context: the property blocks on each request.
        await Task.Run(() => Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), property));
        await host.AssertStillServingAsync();
    }

    private static JsonObject Build(string? type, string? text, JsonNode? value, bool hasConversation, bool hasFrom, bool hasId, string userId)
    {
        var activity = new JsonObject
        {
            ["type"] = type,
            ["channelId"] = "emulator",
            ["serviceUrl"] = "http://localhost:50000",
            ["deliveryMode"] = "expectReplies",
            ["text"] = text,
            ["value"] = value,
            ["recipient"] = new JsonObject { ["id"] = "spasmbot" },
        };
        if (hasConversation)
        {
            activity["conversation"] = new JsonObject { ["id"] = ProofHost.NewConversationId("prop") };
        }
        if (hasFrom)
        {
            activity["from"] = new JsonObject { ["id"] = userId };
        }
        if (hasId)
        {
            activity["id"] = Guid.NewGuid().ToString("N");
        }
        return activity;
    }
}
