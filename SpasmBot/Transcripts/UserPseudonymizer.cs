using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace SpasmBot.Transcripts;

/// <summary>
/// Turns channel + user id into a stable pseudonym (HMAC-SHA256), so an operator can find every conversation of
/// one visitor without the store holding their real id. The key comes from configuration or is generated once
/// and kept under the data directory; without the key the pseudonym cannot be linked back.
/// </summary>
public sealed class UserPseudonymizer
{
    private readonly byte[] _key;

    public UserPseudonymizer(IOptions<TranscriptOptions> options, TranscriptPaths paths)
    {
        var configured = options.Value.PseudonymKey;
        _key = string.IsNullOrWhiteSpace(configured) ? LoadOrCreateKey(paths.PseudonymKeyFile) : Encoding.UTF8.GetBytes(configured);
    }

    public string Pseudonymize(string? channelId, string? userId)
    {
        var hash = HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes($"{channelId}\n{userId}"));
        return "u_" + Convert.ToHexStringLower(hash, 0, 16);
    }

    private static byte[] LoadOrCreateKey(string file)
    {
        if (File.Exists(file))
        {
            return Convert.FromBase64String(File.ReadAllText(file).Trim());
        }
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var key = RandomNumberGenerator.GetBytes(32);
        try
        {
            // CreateNew: when two processes race, the loser reads the winner's key.
            using var stream = new FileStream(file, FileMode.CreateNew, FileAccess.Write);
            stream.Write(Encoding.ASCII.GetBytes(Convert.ToBase64String(key)));
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
            return key;
        }
        catch (IOException) when (File.Exists(file))
        {
            return Convert.FromBase64String(File.ReadAllText(file).Trim());
        }
    }
}
