using Microsoft.Extensions.Options;
using SpasmBot.Conversation;
using SpasmBot.Operators;
using SpasmBot.Transcripts;

namespace SpasmBot.Tests.Transcripts;

/// <summary>The same behaviour asked of every store kind: SQLite and PostgreSQL run this suite.</summary>
public abstract class TranscriptStoreContract : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    protected TranscriptDatabase? Database { get; private set; }
    protected TranscriptStore Store => new(Database!);

    /// <summary>Null when the store kind cannot run here (PostgreSQL outside CI without SPASMBOT_TEST_PG).</summary>
    protected abstract Task<TranscriptDatabase?> CreateDatabaseAsync();

    public async Task InitializeAsync() => Database = await CreateDatabaseAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private bool Unavailable => Database is null;

    [Fact]
    public async Task A_written_turn_reads_back_in_order_with_its_decision_and_outcome()
    {
        if (Unavailable) return;
        await Store.WriteAsync(TestEvents.Turn("c1", "how long does a spasm last?", Routes.Answer, T0, faqId: "faq-1", score: 0.82));
        await Store.WriteAsync(TestEvents.Turn("c1", "crushing chest pain", Routes.Emergency, T0.AddMinutes(1), tier: "Emergency", signals: "chest-pain"));

        var detail = await Store.GetAsync("c1");
        Assert.NotNull(detail);
        Assert.Equal(6, detail.Messages.Count);
        Assert.Equal(["in", "out", "out", "in", "out", "out"], detail.Messages.Select(m => m.Direction));
        Assert.Equal("how long does a spasm last?", detail.Summary.FirstQuestion);
        Assert.Equal(4, detail.Summary.MessageCount);
        Assert.Equal(Outcomes.Answered | Outcomes.Emergency, detail.Summary.OutcomeFlags);
        var trace = detail.Messages[5];
        Assert.Equal("Emergency", trace.SafetyTier);
        Assert.Contains("chest-pain", trace.DecisionJson);
        Assert.Equal(0.82, detail.Messages[0].Score);
    }

    [Fact]
    public async Task Replaying_the_same_events_stores_them_once()
    {
        if (Unavailable) return;
        var events = TestEvents.Turn("c1", "hello", Routes.Answer, T0);
        await Store.WriteAsync(events);
        await Store.WriteAsync(events);
        var detail = await Store.GetAsync("c1");
        Assert.Equal(3, detail!.Messages.Count);
        Assert.Equal(2, detail.Summary.MessageCount);
    }

    [Fact]
    public async Task Filters_narrow_the_list_by_outcome_channel_review_tag_date_user_and_text()
    {
        if (Unavailable) return;
        await Store.WriteAsync(TestEvents.Turn("e1", "numb groin and can't pee", Routes.Emergency, T0, tier: "Emergency"));
        await Store.WriteAsync(TestEvents.Turn("a1", "what helps a back spasm", Routes.Answer, T0.AddDays(1), channel: "msteams", user: "u_2", faqId: "f"));
        await Store.WriteAsync(TestEvents.Turn("n1", "is 100%_sure a thing", Routes.NoAnswer, T0.AddDays(2)));
        await Store.WriteAsync(TestEvents.Turn("f1", "no", Routes.Feedback, T0.AddDays(3), helpful: false));
        await Store.SetReviewedAsync("a1", true);
        await Store.SetTagsAsync("n1", ["Needs-Answer", " follow-up "]);

        async Task<string[]> Ids(ConversationFilter f) => (await Store.ListAsync(f, null, 50)).Items.Select(c => c.Id).ToArray();

        Assert.Equal(["f1", "n1", "a1", "e1"], await Ids(new ConversationFilter()));
        Assert.Equal(["e1"], await Ids(new ConversationFilter { Outcome = Outcomes.Emergency }));
        Assert.Equal(["n1"], await Ids(new ConversationFilter { Outcome = Outcomes.Unanswered }));
        Assert.Equal(["f1"], await Ids(new ConversationFilter { Outcome = Outcomes.NegativeFeedback }));
        Assert.Equal(["a1"], await Ids(new ConversationFilter { Channel = "msteams" }));
        Assert.Equal(["a1"], await Ids(new ConversationFilter { Reviewed = true }));
        Assert.Equal(["f1", "n1", "e1"], await Ids(new ConversationFilter { Reviewed = false }));
        Assert.Equal(["n1"], await Ids(new ConversationFilter { Tag = "needs-answer" }));
        Assert.Equal(["n1", "a1"], await Ids(new ConversationFilter { From = T0.AddDays(1), To = T0.AddDays(3) }));
        Assert.Equal(["a1"], await Ids(new ConversationFilter { UserId = "u_2" }));
        Assert.Equal(["a1"], await Ids(new ConversationFilter { Search = "BACK SPASM" }));
        // LIKE wildcards in the search are literal characters, not patterns.
        Assert.Equal(["n1"], await Ids(new ConversationFilter { Search = "100%_" }));
        Assert.Empty(await Ids(new ConversationFilter { Search = "%" + "x" }));
        Assert.Empty(await Ids(new ConversationFilter { Search = "'; DROP TABLE conversations; --" }));
        Assert.Equal(4, (await Ids(new ConversationFilter())).Length);
        Assert.Equal(["follow-up", "needs-answer"], (await Store.GetAsync("n1"))!.Summary.Tags);
    }

    [Fact]
    public async Task Keyset_pages_cover_every_conversation_once_in_order()
    {
        if (Unavailable) return;
        var batch = new List<TranscriptEvent>();
        for (var i = 0; i < 95; i++)
        {
            // Pairs share a start time, so the id tie-break matters.
            batch.AddRange(TestEvents.Turn($"c{i:D3}", $"question {i}", i % 7 == 0 ? Routes.Emergency : Routes.Answer, T0.AddMinutes(i / 2)));
        }
        await Store.WriteAsync(batch);

        var seen = new List<ConversationSummary>();
        string? cursor = null;
        do
        {
            var page = await Store.ListAsync(new ConversationFilter(), cursor, 10);
            seen.AddRange(page.Items);
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        Assert.Equal(95, seen.Count);
        Assert.Equal(95, seen.Select(s => s.Id).Distinct().Count());
        Assert.Equal(seen.OrderByDescending(s => s.StartedAt).ThenByDescending(s => s.Id, StringComparer.Ordinal).Select(s => s.Id), seen.Select(s => s.Id));

        var emergencies = new List<string>();
        cursor = null;
        do
        {
            var page = await Store.ListAsync(new ConversationFilter { Outcome = Outcomes.Emergency }, cursor, 4);
            emergencies.AddRange(page.Items.Select(s => s.Id));
            cursor = page.NextCursor;
        }
        while (cursor is not null);
        Assert.Equal(Enumerable.Range(0, 95).Where(i => i % 7 == 0).Select(i => $"c{i:D3}").OrderDescending(StringComparer.Ordinal), emergencies);
    }

    [Fact]
    public async Task A_bad_cursor_is_a_clear_error()
    {
        if (Unavailable) return;
        var error = await Assert.ThrowsAsync<FormatException>(() => Store.ListAsync(new ConversationFilter(), "not-a-cursor!", 10));
        Assert.Contains("cursor", error.Message);
    }

    [Fact]
    public async Task An_erase_event_removes_the_conversation_and_leaves_an_audit_row_without_content()
    {
        if (Unavailable) return;
        await Store.WriteAsync(TestEvents.Turn("c1", "my secret symptom", Routes.Answer, T0));
        await Store.WriteAsync([new TranscriptEvent { Kind = TranscriptEvent.EraseKind, ConversationId = "c1", Actor = "visitor" }]);

        Assert.Null(await Store.GetAsync("c1"));
        Assert.Empty((await Store.ListAsync(new ConversationFilter { Search = "secret" }, null, 10)).Items);
        var audit = Assert.Single(await Store.ListAuditAsync(null, 10));
        Assert.Equal(("visitor", "erase-conversation", "c1"), (audit.Actor, audit.Action, audit.Target));
        Assert.DoesNotContain("secret", audit.Detail);
    }

    [Fact]
    public async Task Deleting_a_user_removes_all_their_conversations_with_one_audit_row_each()
    {
        if (Unavailable) return;
        await Store.WriteAsync(TestEvents.Turn("c1", "one", Routes.Answer, T0, user: "u_a"));
        await Store.WriteAsync(TestEvents.Turn("c2", "two", Routes.Answer, T0, user: "u_a"));
        await Store.WriteAsync(TestEvents.Turn("c3", "three", Routes.Answer, T0, user: "u_b"));

        Assert.Equal(2, await Store.DeleteUserAsync("u_a", "alice"));
        Assert.Equal(["c3"], (await Store.ListAsync(new ConversationFilter(), null, 10)).Items.Select(c => c.Id));
        Assert.Equal(1, await Store.DeleteConversationAsync("c3", "alice"));
        var audit = await Store.ListAuditAsync(null, 10);
        Assert.Equal(3, audit.Count);
        Assert.All(audit, a => Assert.Equal("alice", a.Actor));
    }

    [Fact]
    public async Task Purge_deletes_only_conversations_older_than_the_cutoff()
    {
        if (Unavailable) return;
        await Store.WriteAsync(TestEvents.Turn("old", "old question", Routes.Answer, T0.AddDays(-40)));
        await Store.WriteAsync(TestEvents.Turn("new", "new question", Routes.Answer, T0));
        Assert.Equal(1, await Store.PurgeOlderThanAsync(T0.AddDays(-30), "retention"));
        Assert.Null(await Store.GetAsync("old"));
        Assert.NotNull(await Store.GetAsync("new"));
        Assert.Contains(await Store.ListAuditAsync(null, 10), a => a.Action == "purge" && a.Detail.StartsWith("1 conversations"));
    }

    [Fact]
    public async Task Stats_count_days_answers_escalations_and_feedback()
    {
        if (Unavailable) return;
        await Store.WriteAsync(TestEvents.Turn("c1", "q1", Routes.Answer, T0, faqId: "faq-a"));
        await Store.WriteAsync(TestEvents.Turn("c2", "q2", Routes.Answer, T0.AddDays(1), faqId: "faq-a"));
        await Store.WriteAsync(TestEvents.Turn("c3", "q3", Routes.NoAnswer, T0.AddDays(1)));
        await Store.WriteAsync(TestEvents.Turn("c4", "q4", Routes.Emergency, T0.AddDays(1)));
        await Store.WriteAsync(TestEvents.Turn("c4", "no", Routes.Feedback, T0.AddDays(1).AddMinutes(1), helpful: false));
        await Store.WriteAsync(TestEvents.Turn("c4", "yes", Routes.Feedback, T0.AddDays(1).AddMinutes(2), helpful: true));
        await Store.WriteAsync(TestEvents.Turn("c4", "yes", Routes.Feedback, T0.AddDays(1).AddMinutes(3), helpful: true));

        var stats = await Store.StatsAsync(T0.AddDays(-1), T0.AddDays(5));
        Assert.Equal([new DayCount(new DateOnly(2026, 3, 1), 1), new DayCount(new DateOnly(2026, 3, 2), 3)], stats.ConversationsPerDay);
        Assert.Equal([new DayCount(new DateOnly(2026, 3, 2), 1)], stats.EscalationsPerDay);
        Assert.Equal((2, 0, 1), (stats.Answered, stats.Clarified, stats.Unanswered));
        Assert.Equal((2, 1), (stats.HelpfulYes, stats.HelpfulNo));
        var top = Assert.Single(stats.TopAnswered);
        Assert.Equal(("faq-a", 2), (top.FaqId, top.Count));
        Assert.Equal(["q3"], (await Store.UnansweredAsync(T0.AddDays(-1), T0.AddDays(5), 10)).Select(m => m.Text));
    }

    [Fact]
    public async Task Operator_accounts_sign_in_and_lock_after_five_failures()
    {
        if (Unavailable) return;
        var now = new MutableTime(DateTimeOffset.UtcNow);
        var options = Options.Create(new OperatorOptions { PasswordIterations = 100_000 });
        var accounts = new OperatorAccounts(Database!, new PasswordHasher(options), options, now);
        await accounts.AddAsync("alice", OperatorRoles.Editor, "correct horse battery");

        Assert.Equal(SignInResult.Success, (await accounts.SignInAsync("alice", "correct horse battery")).Result);
        Assert.Equal(SignInResult.Failed, (await accounts.SignInAsync("nobody", "correct horse battery")).Result);
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(SignInResult.Failed, (await accounts.SignInAsync("alice", "wrong")).Result);
        }
        Assert.Equal(SignInResult.LockedOut, (await accounts.SignInAsync("alice", "wrong")).Result);
        // Locked: even the right password is refused for 15 minutes.
        Assert.Equal(SignInResult.LockedOut, (await accounts.SignInAsync("alice", "correct horse battery")).Result);
        now.Advance(TimeSpan.FromMinutes(16));
        Assert.Equal(SignInResult.Success, (await accounts.SignInAsync("alice", "correct horse battery")).Result);

        var stored = Assert.Single(await accounts.ListAsync());
        Assert.StartsWith("pbkdf2-sha256$100000$", stored.PasswordHash);
        Assert.DoesNotContain("correct horse", stored.PasswordHash);
        Assert.True(await accounts.RemoveAsync("alice"));
        Assert.Empty(await accounts.ListAsync());
    }
}

public sealed class MutableTime(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;
    public override DateTimeOffset GetUtcNow() => _now;
    public void Advance(TimeSpan by) => _now += by;
}

public sealed class SqliteTranscriptStoreTests : TranscriptStoreContract
{
    protected override Task<TranscriptDatabase?> CreateDatabaseAsync() => Task.FromResult<TranscriptDatabase?>(TestDatabases.Sqlite());
}

public sealed class PostgresTranscriptStoreTests : TranscriptStoreContract
{
    protected override async Task<TranscriptDatabase?> CreateDatabaseAsync() =>
        TestDatabases.PostgresServer() is { } server ? new PostgresTranscriptDatabase(await TestDatabases.NewPostgresSchemaAsync(server)) : null;
}
