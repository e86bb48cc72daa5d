using System.Globalization;
using System.Text;

namespace SpasmBot.Conversation;

/// <summary>Reduces a message to lower-case words for whole-message matching ("Thanks!!" → "thanks").</summary>
public static class TextShape
{
    public static string Words(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "";
        }
        var sb = new StringBuilder(text.Length);
        var space = false;
        foreach (var ch in text.Normalize(NormalizationForm.FormKC))
        {
            if (char.IsLetterOrDigit(ch) || ch == '?' && text.Trim() == "?")
            {
                if (space && sb.Length > 0)
                {
                    sb.Append(' ');
                }
                sb.Append(char.ToLowerInvariant(ch));
                space = false;
            }
            else if (ch is '\'' or '\u2019')
            {
                // "what's" and "whats" are the same word here.
            }
            else if (CharUnicodeInfo.GetUnicodeCategory(ch) != UnicodeCategory.Format)
            {
                space = true;
            }
        }
        return sb.ToString();
    }
}
