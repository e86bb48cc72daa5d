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

    /// <summary>Queue length before turns wait for the writer (back-pressure; nothing is dropped).</summary>
    public int QueueCapacity { get; set; } = 10_000;

    /// <summary>Most events the writer stores in one transaction.</summary>
    public int BatchSize { get; set; } = 200;

    /// <summary>How long the writer waits before retrying a store that failed.</summary>
    public TimeSpan RetryInterval { get; set; } = TimeSpan.FromSeconds(5);

    public RedactionOptions Redaction { get; set; } = new();
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
