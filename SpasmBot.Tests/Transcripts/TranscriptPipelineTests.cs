using Microsoft.Extensions.DependencyInjection;
using SpasmBot.Conversation;
using SpasmBot.Protocol;
using SpasmBot.Transcripts;
using Xunit.Abstractions;

namespace SpasmBot.Tests.Transcripts;

/// <summary>The logging middleware, journal and store writer together, around the real turn runner.</summary>
public class TranscriptPipelineTests(ITestOutputHelper output)
{
    private static readonly Decision AnswerDecision = new(Routes.Answer, "faq-heat", 0.81,
        [new DecisionAlternative("faq-ice", "Should I use ice?", 0.42)], new SafetyTrace("None", []));

    /// <summary>Replies like SpasmBot does: a message, then the decision trace (also left in TurnState).</summary>
    internal static async Task AnswerBot(ITurnContext turn)
    {
        turn.TurnState[Decision.TurnStateKey] = AnswerDecision;
        await turn.SendActivityAsync(turn.Activity.CreateReply("Gentle heat can help."));
        await turn.SendActivityAsync(turn.Activity.CreateTrace(Decision.TraceName, AnswerDecision, Decision.TraceValueType));
    }

    [Fact]
    public async Task Under_load_every_activity_of_every_concurrent_turn_is_logged()
    {
        const int conversations = 100, turnsEach = 20;
        // A small queue so the 2,000 turns have to wait for the journal writer (back-pressure) instead of dropping.
        await using var harness = new TranscriptHarness(AnswerBot, queueCapacity: 16, batchSize: 50);
        var started = DateTime.UtcNow;
        await Parallel.ForEachAsync(Enumerable.Range(0, conversations * turnsEach), new ParallelOptions { MaxDegreeOfParallelism = 32 },
            async (i, _) => await harness.TurnAsync($"load-{i % conversations}", $"question {i}"));
        await harness.StopAsync();

        var sent = conversations * turnsEach * 3; // inbound message, reply, decision trace
        var logged = await harness.CountAsync("messages");
        output.WriteLine($"Load: {conversations * turnsEach} turns, {sent} activities sent, {logged} logged, " +
            $"{(DateTime.UtcNow - started).TotalMilliseconds:0} ms");
        Assert.Equal(sent, logged);
        Assert.Equal(conversations, await harness.CountAsync("conversations"));
        Assert.Equal(sent, harness.Writer.Stored);
        Assert.Empty(harness.JournalFiles());
    }

    [Fact]
    public async Task Graceful_shutdown_stores_everything_still_in_the_journal()
    {
        await using var harness = new TranscriptHarness(AnswerBot, batchSize: 10);
        harness.Sink.Delay = TimeSpan.FromMilliseconds(30); // a slow store: turns are acknowledged from the journal long before
        await Task.WhenAll(Enumerable.Range(0, 100).Select(i => harness.TurnAsync("c1", $"question {i}")));
        Assert.True(harness.Writer.Stored < 300, "the test needs events not yet stored when shutdown begins");
        await harness.StopAsync();
        Assert.Equal(300, await harness.CountAsync("messages"));
        Assert.Empty(harness.JournalFiles());
    }

    [Fact]
    public async Task While_the_store_is_down_turns_are_acknowledged_from_the_journal_and_stored_in_order_when_it_returns()
    {
        await using var harness = new TranscriptHarness(AnswerBot, batchSize: 4);
        harness.Sink.Down = true;
        for (var i = 0; i < 30; i++)
        {
            await harness.TurnAsync($"c{i % 3}", $"question {i:D2}"); // returns: the turn is in the journal
        }
        Assert.NotEmpty(harness.JournalFiles());
        Assert.Equal(0, await harness.CountAsync("messages"));

        harness.Sink.Down = false;
        await WaitUntil(() => harness.Writer.Stored == 90);
        Assert.Equal(Enumerable.Range(0, 30).Select(i => $"question {i:D2}"), await harness.TextsInOrderAsync());
        Assert.Equal(3, await harness.CountAsync("conversations"));
    }

    [Fact]
    public async Task Turns_journaled_while_the_store_was_down_are_stored_by_the_next_start()
    {
        var directory = TestDatabases.NewDirectory();
        await using (var first = new TranscriptHarness(AnswerBot, directory))
        {
            first.Sink.Down = true;
            await first.TurnAsync("c1", "asked while the database was down");
            await first.StopAsync(); // a store that is down does not hold up shutdown
            Assert.Equal(0, first.Writer.Stored);
            Assert.NotEmpty(first.JournalFiles());
        }
        await using var second = new TranscriptHarness(AnswerBot, directory);
        await WaitUntil(() => second.Writer.Stored == 3);
        Assert.Equal(["asked while the database was down"], await second.TextsInOrderAsync());
    }

    [Fact]
    public async Task A_turn_that_throws_is_still_logged_with_the_error_and_the_apology()
    {
        await using var harness = new TranscriptHarness(async turn =>
        {
            await turn.SendActivityAsync(turn.Activity.CreateReply("Let me look that up"));
            throw new InvalidOperationException("boom with visitor text: my name is Jane");
        });
        await harness.TurnAsync("c1", "why does my back lock up?");
        await harness.StopAsync();

        var detail = await harness.Store.GetAsync("c1");
        Assert.NotNull(detail);
        Assert.Equal(["why does my back lock up?", "Let me look that up", "InvalidOperationException", BotTurnRunner.ApologyText],
            detail.Messages.Select(m => m.Text));
        Assert.Equal(TranscriptActivityTypes.TurnError, detail.Messages[2].ActivityType);
        Assert.True(detail.Summary.OutcomeFlags.HasFlag(Outcomes.Failed));
        Assert.DoesNotContain(detail.Messages, m => m.Text?.Contains("Jane") == true);
    }

    [Fact]
    public async Task Forget_me_erases_the_conversation_including_turns_still_queued_and_keeps_an_audit_row()
    {
        await using var harness = new TranscriptHarness(async turn =>
        {
            if (turn.Activity.Text == "yes, delete my data")
            {
                turn.TurnState[TranscriptTurnState.EraseConversationRequested] = true;
                await turn.SendActivityAsync(turn.Activity.CreateReply("Done: your conversation has been deleted."));
                return;
            }
            await AnswerBot(turn);
        });
        harness.Sink.Delay = TimeSpan.FromMilliseconds(50);
        await harness.TurnAsync("c1", "my back hurts after lifting");
        await harness.TurnAsync("c2", "another visitor's question", userId: "visitor-2");
        await harness.TurnAsync("c1", "forget me");
        await harness.TurnAsync("c1", "yes, delete my data");
        await harness.StopAsync();

        Assert.Null(await harness.Store.GetAsync("c1"));
        Assert.NotNull(await harness.Store.GetAsync("c2"));
        var audit = Assert.Single(await harness.Store.ListAuditAsync(null, 10));
        Assert.Equal(("visitor", "erase-conversation", "c1"), (audit.Actor, audit.Action, audit.Target));
        Assert.DoesNotContain("back", audit.Detail);
    }

    [Fact]
    public async Task Logged_text_is_redacted_the_user_is_pseudonymous_and_the_decision_is_kept()
    {
        await using var harness = new TranscriptHarness(AnswerBot);
        await harness.TurnAsync("c1", "My name is Jane Doe, mail jane.doe@example.com or call 07700 900123", userId: "jane-42");
        await harness.TurnAsync("c2", "hello again", userId: "jane-42");
        await harness.StopAsync();

        var detail = (await harness.Store.GetAsync("c1"))!;
        Assert.Equal("My name is [name], mail [email] or call [phone]", detail.Messages[0].Text);
        Assert.DoesNotContain("jane-42", detail.Summary.UserId);
        Assert.StartsWith("u_", detail.Summary.UserId);
        Assert.Equal(detail.Summary.UserId, (await harness.Store.GetAsync("c2"))!.Summary.UserId);
        Assert.Equal((Routes.Answer, "faq-heat", 0.81), (detail.Messages[0].Route, detail.Messages[0].FaqId, detail.Messages[0].Score));
        var trace = Assert.Single(detail.Messages, m => m.ActivityType == ActivityTypes.Trace);
        Assert.Contains("faq-ice", trace.DecisionJson);
        Assert.Equal(Outcomes.Answered, detail.Summary.OutcomeFlags);
    }

    [Fact]
    public async Task A_partial_decision_trace_is_logged_without_breaking_the_turn()
    {
        var replies = new BufferedReplySink();
        await using var harness = new TranscriptHarness(async turn =>
        {
            await turn.SendActivityAsync(turn.Activity.CreateReply("echo"));
            await turn.SendActivityAsync(turn.Activity.CreateTrace(Decision.TraceName, new { route = "answer" }, Decision.TraceValueType));
        });
        await harness.Services.GetRequiredService<BotTurnRunner>().RunTurnAsync(new Activity
        {
            Type = ActivityTypes.Message, Text = "hi", ChannelId = "emulator", ServiceUrl = "http://localhost",
            From = new ChannelAccount { Id = "u" }, Recipient = new ChannelAccount { Id = "bot" }, Conversation = new ConversationAccount { Id = "c1" },
        }, replies, CancellationToken.None);
        await harness.StopAsync();

        Assert.DoesNotContain(replies.Activities, a => a.Text == BotTurnRunner.ApologyText);
        var detail = (await harness.Store.GetAsync("c1"))!;
        Assert.Equal(["hi", "echo", Decision.TraceName], detail.Messages.Select(m => m.Text));
        Assert.Equal(Routes.Answer, detail.Messages[0].Route);
    }

    [Fact]
    public async Task With_logging_disabled_nothing_is_written()
    {
        await using var harness = new TranscriptHarness(AnswerBot, settings: new Dictionary<string, string?> { ["Transcripts:Enabled"] = "false" });
        await harness.TurnAsync("c1", "hello");
        await harness.StopAsync();
        Assert.Equal(0, await harness.CountAsync("messages"));
    }

    internal static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for the writer");
            await Task.Delay(20);
        }
    }
}

/// <summary>The pipeline against the real PostgreSQL test server: two bot instances share one store.</summary>
public class PostgresTranscriptPipelineTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Two_instances_under_load_log_every_activity_into_one_shared_store()
    {
        if (TestDatabases.PostgresServer() is not { } server)
        {
            return; // outside CI without a server (in CI this throws instead)
        }
        var connectionString = await TestDatabases.NewPostgresSchemaAsync(server);
        var settings = new Dictionary<string, string?> { ["ConnectionStrings:Transcripts"] = connectionString };
        static async Task Bot(ITurnContext turn)
        {
            await turn.SendActivityAsync(turn.Activity.CreateReply("ok"));
            await turn.SendActivityAsync(turn.Activity.CreateTrace(Decision.TraceName,
                new Decision(Routes.NoAnswer, null, null, [], new SafetyTrace("None", [])), Decision.TraceValueType));
        }
        await using var first = new TranscriptHarness(Bot, queueCapacity: 16, settings: settings);
        await using var second = new TranscriptHarness(Bot, queueCapacity: 16, settings: settings);
        await Parallel.ForEachAsync(Enumerable.Range(0, 600), new ParallelOptions { MaxDegreeOfParallelism = 16 },
            async (i, _) => await (i % 2 == 0 ? first : second).TurnAsync($"pg-{i % 40}", $"question {i}"));
        await first.StopAsync();
        await second.StopAsync();

        var logged = await first.CountAsync("messages");
        output.WriteLine($"PostgreSQL, two instances: 600 turns, 1800 activities sent, {logged} logged");
        Assert.Equal(1800, logged);
        Assert.Equal(40, await second.CountAsync("conversations"));
        Assert.Equal(40, (await first.Store.ListAsync(new ConversationFilter { Outcome = Outcomes.Unanswered }, null, 100)).Items.Count);
    }
}
