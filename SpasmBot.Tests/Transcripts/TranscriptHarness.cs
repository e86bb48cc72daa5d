using Dapper;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging;
using SpasmBot.Protocol;
using SpasmBot.Transcripts;

namespace SpasmBot.Tests.Transcripts;

/// <summary>A bot whose turn the test writes.</summary>
public sealed class ScriptedBot(Func<ITurnContext, Task> turn) : IBot
{
    public Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken) => turn(turnContext);
}

/// <summary>A store that fails on demand, standing in for a database that is down.</summary>
public sealed class SwitchableSink(ITranscriptSink inner) : ITranscriptSink
{
    public volatile bool Down;
    public TimeSpan Delay = TimeSpan.Zero;

    public async Task WriteAsync(IReadOnlyList<TranscriptEvent> events, JournalCheckpoint? checkpoint, CancellationToken cancellationToken)
    {
        if (Delay > TimeSpan.Zero)
        {
            await Task.Delay(Delay, cancellationToken);
        }
        ThrowIfDown();
        await inner.WriteAsync(events, checkpoint, cancellationToken);
    }

    public Task<JournalCheckpoint?> ReadCheckpointAsync(string journal, CancellationToken cancellationToken)
    {
        ThrowIfDown();
        return inner.ReadCheckpointAsync(journal, cancellationToken);
    }

    private void ThrowIfDown()
    {
        if (Down)
        {
            throw new InvalidOperationException("store is down (test)");
        }
    }
}

/// <summary>
/// The transcript services as the host wires them (AddTranscripts), around a scripted bot and the real
/// BotTurnRunner, with the writer started by hand so tests can stop (flush) it.
/// </summary>
public sealed class TranscriptHarness : IAsyncDisposable
{
    public ServiceProvider Services { get; }
    public SwitchableSink Sink { get; }
    public string DataDirectory { get; }
    public TranscriptWriter Writer => Services.GetRequiredService<TranscriptWriter>();
    public ITranscriptStore Store => Services.GetRequiredService<ITranscriptStore>();
    public TranscriptJournal Journal => Services.GetRequiredService<TranscriptJournal>();

    /// <summary>This harness's journal segment files, oldest first.</summary>
    public IReadOnlyList<string> JournalFiles() => Directory.Exists(JournalDirectory)
        ? Directory.GetFiles(JournalDirectory, "*.journal").Order(StringComparer.Ordinal).ToList()
        : [];

    public string JournalDirectory => Path.Combine(DataDirectory, "journal", JournalName);

    public const string JournalName = "test";
    private bool _stopped;

    public TranscriptHarness(Func<ITurnContext, Task> bot, string? dataDirectory = null, int queueCapacity = 64, int batchSize = 50,
        IDictionary<string, string?>? settings = null)
    {
        DataDirectory = dataDirectory ?? TestDatabases.NewDirectory();
        var values = new Dictionary<string, string?>
        {
            ["Transcripts:DataDirectory"] = DataDirectory,
            ["Transcripts:QueueCapacity"] = queueCapacity.ToString(),
            ["Transcripts:BatchSize"] = batchSize.ToString(),
            ["Transcripts:RetryInterval"] = "00:00:00.100",
            ["Transcripts:Journal:StoreDelay"] = "00:00:00.010",
            ["Transcripts:Journal:Instance"] = JournalName,
            ["Transcripts:PseudonymKey"] = "test-key",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<IHostEnvironment>(new HostingEnvironment { ContentRootPath = DataDirectory, EnvironmentName = "Development" });
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddTranscripts(configuration);
        services.AddSingleton<SwitchableSink>(sp => new SwitchableSink(sp.GetRequiredService<ITranscriptStore>()));
        services.AddSingleton<ITranscriptSink>(sp => sp.GetRequiredService<SwitchableSink>());
        services.AddSingleton<IBot>(new ScriptedBot(bot));
        services.AddSingleton<BotTurnRunner>();
        Services = services.BuildServiceProvider();
        Sink = Services.GetRequiredService<SwitchableSink>();
        Writer.StartAsync(CancellationToken.None).GetAwaiter().GetResult();
    }

    public Task<InvokeResponse?> TurnAsync(string conversationId, string text, string userId = "visitor-1", string channel = "webchat") =>
        Services.GetRequiredService<BotTurnRunner>().RunTurnAsync(new Activity
        {
            Type = ActivityTypes.Message, Id = Guid.NewGuid().ToString("N"), Text = text, ChannelId = channel,
            Timestamp = DateTimeOffset.UtcNow, ServiceUrl = "http://localhost",
            From = new ChannelAccount { Id = userId, Name = "Visitor" }, Recipient = new ChannelAccount { Id = "bot", Name = "SpasmBot" },
            Conversation = new ConversationAccount { Id = conversationId },
        }, new BufferedReplySink(), CancellationToken.None);

    /// <summary>Graceful shutdown: the writer stores what the journal holds (while the store accepts it).</summary>
    public async Task StopAsync()
    {
        if (!_stopped)
        {
            _stopped = true;
            await Writer.StopAsync(CancellationToken.None);
        }
    }

    public async Task<long> CountAsync(string table)
    {
        await using var connection = await Services.GetRequiredService<TranscriptDatabase>().OpenAsync();
        return await connection.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table}");
    }

    public async Task<List<string?>> TextsInOrderAsync()
    {
        await using var connection = await Services.GetRequiredService<TranscriptDatabase>().OpenAsync();
        return (await connection.QueryAsync<string?>("SELECT body FROM messages WHERE direction = 'in' ORDER BY seq")).ToList();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await Services.DisposeAsync();
    }
}
