using System.Security.Cryptography;
using System.Text;

namespace SpasmBot.Knowledge.Ingestion;

/// <summary>Stable ids: a readable slug of the question plus a hash of source and question, never of position.</summary>
public static class FaqIds
{
    public static string For(string source, string question)
    {
        var words = Sentences.Words(question).Take(7);
        var slug = string.Join('-', words);
        if (slug.Length > 48)
        {
            slug = slug[..48].TrimEnd('-');
        }
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(source + "\n" + Sentences.NormaliseQuestion(question)));
        return $"{slug}-{Convert.ToHexStringLower(hash)[..8]}";
    }
}
