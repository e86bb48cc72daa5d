namespace SpasmBot.Transcripts;

/// <summary>The "Transcripts" section of appsettings.json.</summary>
public sealed class TranscriptOptions
{
    public const string Section = "Transcripts";

    /// <summary>Turn logging on or off as a whole.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Where the SQLite file, the pseudonym key and the spool live; relative paths start at the content root.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>SQLite file name inside <see cref="DataDirectory"/>, used when ConnectionStrings:Transcripts is empty.</summary>
    public string SqliteFile { get; set; } = "transcripts.db";

    /// <summary>Transcripts whose last activity is older than this are purged.</summary>
    public int RetentionDays { get; set; } = 30;

    /// <summary>How often the retention purge runs.</summary>
    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Key for the HMAC that turns channel + user id into a pseudonym; generated and saved under the data directory when empty.</summary>
    public string PseudonymKey { get; set; } = "";

    /// <summary>Turns waiting for the journal writer before more turns wait to join them (back-pressure; nothing is dropped).</summary>
    public int QueueCapacity { get; set; } = 10_000;

    /// <summary>Most events the writer copies from the journal to the store in one transaction.</summary>
    public int BatchSize { get; set; } = 2_000;

    public JournalOptions Journal { get; set; } = new();

    /// <summary>How long the writer waits before retrying a store that failed.</summary>
    public TimeSpan RetryInterval { get; set; } = TimeSpan.FromSeconds(5);

    public RedactionOptions Redaction { get; set; } = new();
}

/// <summary>The local journal turns are acknowledged from (<see cref="TranscriptJournal"/>).</summary>
public sealed class JournalOptions
{
    /// <summary>A segment file is closed at this size and deleted once the store has all of it.</summary>
    public long SegmentBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>
    /// fsync after every journal write. Off: a turn survives the bot process being killed (the OS has the data), not a
    /// power loss or kernel crash in the next seconds. On: survives those too, at the cost of one disk flush per write.
    /// </summary>
    public bool FlushToDisk { get; set; }

    /// <summary>
    /// How far a working store may fall behind the journal before turns are slowed down to its pace
    /// (<see cref="TranscriptJournal.Pace"/>). While the store is down there is no limit: the journal holds it all.
    /// </summary>
    public long MaxBacklogBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>
    /// How long the store writer lets turns gather after catching up with the journal: the console's lag behind the
    /// visitors, traded for large transactions.
    /// </summary>
    public TimeSpan StoreDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Names this instance's journal folder and checkpoint; empty: the machine name.</summary>
    public string Instance { get; set; } = "";
}

/// <summary>What is masked before anything is written. All on by default.</summary>
public sealed class RedactionOptions
{
    public bool Enabled { get; set; } = true;
    public bool Emails { get; set; } = true;
    public bool Phones { get; set; } = true;
    public bool StreetAddresses { get; set; } = true;
    public bool Names { get; set; } = true;
}
