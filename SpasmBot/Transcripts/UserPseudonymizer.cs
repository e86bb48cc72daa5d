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
        // Written aside and moved into place, so another instance starting at the same moment never reads half a key;
        // when two race, the move of the second fails and both use the first one's key.
        var temporary = $"{file}.{Guid.NewGuid():N}.tmp";
        File.WriteAllText(temporary, Convert.ToBase64String(key));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        try
        {
            File.Move(temporary, file, overwrite: false);
            return key;
        }
        catch (IOException) when (File.Exists(file))
        {
            File.Delete(temporary);
            return Convert.FromBase64String(File.ReadAllText(file).Trim());
        }
    }
}
