using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SpasmBot.Conversation;
using SpasmBot.Transcripts;

namespace SpasmBot.Tests.Transcripts;

public class RetentionPurgeServiceTests
{
    [Fact]
    public async Task Transcripts_past_the_configured_retention_are_purged_and_the_rest_kept()
    {
        var store = new TranscriptStore(TestDatabases.Sqlite());
        var now = new MutableTime(new DateTimeOffset(2026, 6, 30, 12, 0, 0, TimeSpan.Zero));
        await store.WriteAsync(TestEvents.Turn("31-days", "old", Routes.Answer, now.GetUtcNow().AddDays(-31)));
        await store.WriteAsync(TestEvents.Turn("29-days", "recent", Routes.Answer, now.GetUtcNow().AddDays(-29)));
        var purge = new RetentionPurgeService(store, Options.Create(new TranscriptOptions()), now, NullLogger<RetentionPurgeService>.Instance);

        Assert.Equal(1, await purge.PurgeOnceAsync());
        Assert.Null(await store.GetAsync("31-days"));
        Assert.NotNull(await store.GetAsync("29-days"));

        now.Advance(TimeSpan.FromDays(2));
        Assert.Equal(1, await purge.PurgeOnceAsync());
        Assert.Empty((await store.ListAsync(new ConversationFilter(), null, 10)).Items);
        Assert.Equal(2, (await store.ListAuditAsync(null, 10)).Count(a => a is { Actor: RetentionPurgeService.Actor, Action: "purge" }));
    }
}
