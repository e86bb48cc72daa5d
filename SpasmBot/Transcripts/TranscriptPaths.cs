using Microsoft.Extensions.Options;

namespace SpasmBot.Transcripts;

/// <summary>Files under the transcripts data directory (relative paths start at the content root).</summary>
public sealed class TranscriptPaths(IOptions<TranscriptOptions> options, IHostEnvironment environment)
{
    public string DataDirectory { get; } = Path.GetFullPath(options.Value.DataDirectory, environment.ContentRootPath);

    public string SqliteFile => Path.Combine(DataDirectory, options.Value.SqliteFile);

    public string PseudonymKeyFile => Path.Combine(DataDirectory, "pseudonym.key");

    public string SpoolDirectory => Path.Combine(DataDirectory, "spool");
}
