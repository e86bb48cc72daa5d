using System.Diagnostics;
using SpasmBot.Conversation;
using SpasmBot.Transcripts;
using Xunit.Abstractions;

namespace SpasmBot.Tests.Transcripts;

/// <summary>Keyset paging over 100,000 conversations in SQLite: correct on every page. Timings are printed, not asserted.</summary>
public class LargeStorePagingTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Paging_through_100000_conversations_returns_each_once_in_order_with_and_without_filters()
    {
        const int total = 100_000;
        var store = new TranscriptStore(TestDatabases.Sqlite());
        var t0 = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var seed = Stopwatch.StartNew();
        for (var start = 0; start < total; start += 10_000)
        {
            var batch = new List<TranscriptEvent>(10_000);
            for (var i = start; i < start + 10_000; i++)
            {
                batch.Add(new TranscriptEvent
                {
                    ConversationId = $"c{i:D6}", Channel = i % 10 == 0 ? "msteams" : "webchat", UserId = $"u_{i % 5000}",
                    At = t0.AddSeconds(i / 3), // three conversations per second: ties broken by id
                    Text = $"question number {i}", Route = i % 100 == 0 ? Routes.Emergency : Routes.Answer,
                });
            }
            await store.WriteAsync(batch);
        }
        output.WriteLine($"Seeded {total} conversations in {seed.ElapsedMilliseconds} ms");

        var clock = Stopwatch.StartNew();
        var first = await store.ListAsync(new ConversationFilter(), null, 50);
        output.WriteLine($"First page: {clock.Elapsed.TotalMilliseconds:0.0} ms");
        Assert.Equal("c099999", first.Items[0].Id);

        var ids = new List<string>(total);
        string? cursor = null;
        var pages = 0;
        var pageTimes = new List<double>();
        clock.Restart();
        do
        {
            var one = Stopwatch.StartNew();
            var page = await store.ListAsync(new ConversationFilter(), cursor, 500);
            pageTimes.Add(one.Elapsed.TotalMilliseconds);
            ids.AddRange(page.Items.Select(c => c.Id));
            cursor = page.NextCursor;
            pages++;
        }
        while (cursor is not null);
        output.WriteLine($"All {pages} pages of 500: {clock.ElapsedMilliseconds} ms ({pageTimes.Average():0.00} ms per page; first {pageTimes[0]:0.0} ms, last {pageTimes[^1]:0.0} ms)");
        Assert.Equal(total, ids.Count);
        Assert.Equal(Enumerable.Range(0, total).Reverse().Select(i => $"c{i:D6}"), ids);

        clock.Restart();
        var emergencies = new List<string>();
        cursor = null;
        do
        {
            var page = await store.ListAsync(new ConversationFilter { Outcome = Outcomes.Emergency, Channel = "msteams" }, cursor, 100);
            emergencies.AddRange(page.Items.Select(c => c.Id));
            cursor = page.NextCursor;
        }
        while (cursor is not null);
        output.WriteLine($"Emergencies on msteams, pages of 100: {clock.ElapsedMilliseconds} ms");
        Assert.Equal(Enumerable.Range(0, total).Where(i => i % 100 == 0).Reverse().Select(i => $"c{i:D6}"), emergencies);

        clock.Restart();
        var search = await store.ListAsync(new ConversationFilter { Search = "number 4242" }, null, 50);
        output.WriteLine($"Text search over {total} conversations: {clock.ElapsedMilliseconds} ms");
        Assert.Equal(["c042429", "c042428", "c042427", "c042426", "c042425", "c042424", "c042423", "c042422", "c042421", "c042420", "c004242"],
            search.Items.Select(c => c.Id));
    }
}
