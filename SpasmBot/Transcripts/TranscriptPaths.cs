using Microsoft.Extensions.Options;

namespace SpasmBot.Transcripts;

/// <summary>Files under the transcripts data directory (relative paths start at the content root).</summary>
public sealed class TranscriptPaths(IOptions<TranscriptOptions> options, IHostEnvironment environment)
{
    public string DataDirectory { get; } = Path.GetFullPath(options.Value.DataDirectory, environment.ContentRootPath);

    public string SqliteFile => Path.Combine(DataDirectory, options.Value.SqliteFile);

    public string PseudonymKeyFile => Path.Combine(DataDirectory, "pseudonym.key");

    /// <summary>Where versions before the journal spooled; read once at start-up (<see cref="LegacySpool"/>).</summary>
    public string SpoolDirectory => Path.Combine(DataDirectory, "spool");

    /// <summary>This instance's journal name: Transcripts:Journal:Instance, else the machine name (instances may share the data directory).</summary>
    public string JournalName { get; } = SafeName(string.IsNullOrWhiteSpace(options.Value.Journal.Instance) ? Environment.MachineName : options.Value.Journal.Instance);

    public string JournalDirectory => Path.Combine(DataDirectory, "journal", JournalName);

    private static string SafeName(string name) =>
        new(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').ToArray());
}
