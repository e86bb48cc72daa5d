using System.Text.Json;
using SpasmBot.Conversation;
using SpasmBot.Transcripts;
using static SpasmBot.Tests.Transcripts.TranscriptPipelineTests;

namespace SpasmBot.Tests.Transcripts;

/// <summary>The journal's record format, replay at start-up, segment rotation and the backlog while the store is down.</summary>
public class TranscriptJournalTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);

    private static Task Echo(SpasmBot.Protocol.ITurnContext turn) => turn.SendActivityAsync(turn.Activity.CreateReply("ok"));

    [Fact]
    public void Records_round_trip_through_encode_and_decode()
    {
        IReadOnlyList<TranscriptEvent> events =
        [
            .. TestEvents.Turn("c1", "what helps a spasm? \"quoted\" ünïcode", Routes.Answer, T0, faqId: "faq-heat", score: 0.81, helpful: true),
            new TranscriptEvent { Kind = TranscriptEvent.EraseKind, ConversationId = "c1", Actor = "visitor", At = T0 },
        ];
        var bytes = JournalRecords.Encode(events);

        var decoded = new List<TranscriptEvent>();
        Assert.Equal(bytes.Length, JournalRecords.Decode(bytes, int.MaxValue, decoded, out var stop));
        Assert.Equal(DecodeStop.None, stop);
        Assert.Equal(events, decoded);

        var firstTwo = new List<TranscriptEvent>();
        var used = JournalRecords.Decode(bytes, 2, firstTwo, out _);
        Assert.Equal(events.Take(2), firstTwo);
        Assert.Equal(bytes.Length - JournalRecords.Encode(events.Skip(2).ToList()).Length, used);
    }

    [Fact]
    public void A_torn_or_damaged_record_is_detected_by_its_length_and_checksum()
    {
        var whole = JournalRecords.Encode(TestEvents.Turn("c1", "first", Routes.Answer, T0));
        var last = JournalRecords.Encode([TestEvents.Turn("c1", "second", Routes.Answer, T0)[0]]);

        var cut = whole.Concat(last.Take(last.Length - 3)).ToArray(); // the kill came mid-write
        var decoded = new List<TranscriptEvent>();
        Assert.Equal(whole.Length, JournalRecords.Decode(cut, int.MaxValue, decoded, out var stop));
        Assert.Equal((DecodeStop.Incomplete, 3), (stop, decoded.Count));

        var flipped = whole.Concat(last).ToArray();
        flipped[^5] ^= 0x20; // same length, one changed byte
        decoded.Clear();
        Assert.Equal(whole.Length, JournalRecords.Decode(flipped, int.MaxValue, decoded, out stop));
        Assert.Equal((DecodeStop.Corrupt, 3), (stop, decoded.Count));

        var zeros = whole.Concat(new byte[64]).ToArray(); // a file extended but never written
        decoded.Clear();
        Assert.Equal(whole.Length, JournalRecords.Decode(zeros, int.MaxValue, decoded, out stop));
        Assert.Equal(DecodeStop.Corrupt, stop);
    }

    [Fact]
    public async Task At_start_up_a_segment_left_by_a_kill_is_stored_and_its_torn_last_record_skipped()
    {
        var directory = TestDatabases.NewDirectory();
        var segment = WriteSegment(directory, 1,
            JournalRecords.Encode(TestEvents.Turn("c1", "first", Routes.Answer, T0)),
            JournalRecords.Encode(TestEvents.Turn("c1", "second", Routes.Answer, T0.AddMinutes(1))),
            JournalRecords.Encode(TestEvents.Turn("c1", "torn", Routes.Answer, T0.AddMinutes(2)))[..20]);

        await using var harness = new TranscriptHarness(Echo, directory);
        await WaitUntil(() => harness.Writer.TornRecords == 1 && !File.Exists(segment));
        Assert.Equal(6, harness.Writer.Stored);
        Assert.Equal(["first", "second"], await harness.TextsInOrderAsync());
    }

    [Fact]
    public async Task Replaying_a_segment_whose_turns_are_partly_stored_adds_no_duplicates()
    {
        var directory = TestDatabases.NewDirectory();
        var first = TestEvents.Turn("c1", "first", Routes.Answer, T0);
        var second = TestEvents.Turn("c1", "second", Routes.Answer, T0.AddMinutes(1));
        WriteSegment(directory, 1, JournalRecords.Encode(first), JournalRecords.Encode(second));
        await StoreIn(directory).WriteAsync(first); // stored before the kill, its checkpoint lost (or never written)

        await using var harness = new TranscriptHarness(Echo, directory);
        await WaitUntil(() => harness.Writer.Stored == 6);
        Assert.Equal(["first", "second"], await harness.TextsInOrderAsync());
        Assert.Equal(6, await harness.CountAsync("messages"));
        Assert.Equal(4, (await harness.Store.GetAsync("c1"))!.Summary.MessageCount); // counted once each
    }

    [Fact]
    public async Task A_restart_resumes_at_the_stores_checkpoint_so_a_conversation_deleted_meanwhile_stays_deleted()
    {
        var directory = TestDatabases.NewDirectory();
        var gone = JournalRecords.Encode(TestEvents.Turn("gone", "delete me later", Routes.Answer, T0));
        var segment = WriteSegment(directory, 1, gone, JournalRecords.Encode(TestEvents.Turn("kept", "still here", Routes.Answer, T0)));
        var store = StoreIn(directory);
        var stored = new List<TranscriptEvent>();
        JournalRecords.Decode(gone, int.MaxValue, stored, out _);
        await store.WriteAsync(stored, new JournalCheckpoint(TranscriptHarness.JournalName, Path.GetFileName(segment), gone.Length), default);
        await store.DeleteConversationAsync("gone", "operator");

        await using var harness = new TranscriptHarness(Echo, directory);
        await WaitUntil(() => harness.Writer.Stored == 3);
        Assert.Null(await harness.Store.GetAsync("gone"));
        Assert.NotNull(await harness.Store.GetAsync("kept"));
    }

    [Fact]
    public async Task Segments_rotate_at_their_size_and_are_deleted_once_stored()
    {
        await using var harness = new TranscriptHarness(AnswerBot, settings: new Dictionary<string, string?>
        {
            ["Transcripts:Journal:SegmentBytes"] = "2000",
        });
        for (var i = 0; i < 20; i++)
        {
            await harness.TurnAsync("c1", $"question {i}");
        }
        await WaitUntil(() => harness.Writer.Stored == 60 && harness.JournalFiles().Count <= 1);
        Assert.True(SegmentNumber(harness.Journal.FirstSegment()?.Name ?? "99-x") > 2, "20 turns of ~1 KB need several 2 KB segments");
        await harness.StopAsync();
        Assert.Empty(harness.JournalFiles());
        Assert.Equal(60, await harness.CountAsync("messages"));
    }

    [Fact]
    public async Task While_the_store_is_down_the_journal_not_memory_holds_the_backlog_and_it_catches_up()
    {
        // A queue of 8 turns: 400 turns can only all be acknowledged if they leave memory for the journal file.
        await using var harness = new TranscriptHarness(AnswerBot, queueCapacity: 8, batchSize: 100);
        harness.Sink.Down = true;
        await Parallel.ForEachAsync(Enumerable.Range(0, 400), new ParallelOptions { MaxDegreeOfParallelism = 16 },
            async (i, _) => await harness.TurnAsync($"c{i % 10}", $"question {i}"));
        Assert.Equal(0, harness.Writer.Stored);
        Assert.True(harness.JournalFiles().Sum(f => new FileInfo(f).Length) > 400 * 3 * JournalRecords.HeaderBytes);

        harness.Sink.Down = false;
        await WaitUntil(() => harness.Writer.Stored == 1200);
        Assert.Equal(1200, await harness.CountAsync("messages"));
        Assert.Equal(10, await harness.CountAsync("conversations"));
    }

    [Fact]
    public async Task Turns_are_paced_while_a_working_store_falls_behind_but_not_while_it_is_down()
    {
        await using var harness = new TranscriptHarness(AnswerBot, batchSize: 3, settings: new Dictionary<string, string?>
        {
            ["Transcripts:Journal:MaxBacklogBytes"] = "1",
        });
        harness.Sink.Down = true;
        for (var i = 0; i < 20; i++)
        {
            await harness.TurnAsync("c1", $"question {i}"); // a backlog builds up in the journal
        }
        Assert.Equal(TimeSpan.Zero, harness.Journal.PaceDelay); // the store is down: slowing visitors would not bring it back

        harness.Sink.Delay = TimeSpan.FromMilliseconds(50);
        harness.Sink.Down = false; // working again, but behind by more than the limit
        await WaitUntil(() => harness.Journal.PaceDelay > TimeSpan.Zero);

        harness.Sink.Down = true;
        await WaitUntil(() => harness.Journal.PaceDelay == TimeSpan.Zero);

        harness.Sink.Delay = TimeSpan.Zero;
        harness.Sink.Down = false;
        await WaitUntil(() => harness.Writer.Stored == 60);
        Assert.Equal(60, await harness.CountAsync("messages"));
    }

    [Fact]
    public async Task Batches_an_older_version_spooled_are_moved_into_the_journal_and_stored()
    {
        var directory = TestDatabases.NewDirectory();
        var spool = Path.Combine(directory, "spool");
        Directory.CreateDirectory(spool);
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        File.WriteAllLines(Path.Combine(spool, "0001.jsonl"),
            TestEvents.Turn("old", "spooled before the upgrade", Routes.Answer, T0).Select(e => JsonSerializer.Serialize(e, json)));

        await using var harness = new TranscriptHarness(Echo, directory);
        await WaitUntil(() => harness.Writer.Stored == 3);
        Assert.Equal(["spooled before the upgrade"], await harness.TextsInOrderAsync());
        Assert.Empty(Directory.GetFiles(spool));
    }

    private static TranscriptStore StoreIn(string directory) => new(new SqliteTranscriptDatabase(Path.Combine(directory, "transcripts.db")));

    /// <summary>A segment file as an earlier run of the bot left it.</summary>
    private static string WriteSegment(string dataDirectory, int number, params byte[][] records)
    {
        var folder = Path.Combine(dataDirectory, "journal", TranscriptHarness.JournalName);
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"{number:D12}-0000abcd.journal");
        File.WriteAllBytes(path, records.SelectMany(r => r).ToArray());
        return path;
    }

    private static long SegmentNumber(string name) => long.Parse(name.Split('-')[0]);
}
