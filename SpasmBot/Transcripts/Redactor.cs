using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace SpasmBot.Transcripts;

/// <summary>
/// Masks personal details in visitor and bot text before it is written: e-mail addresses, phone numbers,
/// street addresses and self-introduced names. The masked text is the only copy that is stored.
/// Errs toward masking: a false positive costs a few words of context, a false negative leaks health data.
/// </summary>
public sealed partial class Redactor(IOptions<TranscriptOptions> options)
{
    private readonly RedactionOptions _options = options.Value.Redaction;

    public const string Email = "[email]";
    public const string Phone = "[phone]";
    public const string Address = "[address]";
    public const string Name = "[name]";

    public string? Redact(string? text)
    {
        if (string.IsNullOrEmpty(text) || !_options.Enabled)
        {
            return text;
        }
        // Cheap checks first: most texts (every bot answer, most questions) have no '@' and no digit to look at.
        var hasDigit = text.AsSpan().IndexOfAnyInRange('0', '9') >= 0;
        if (_options.Emails && text.Contains('@'))
        {
            text = EmailPattern().Replace(text, Email);
        }
        if (_options.StreetAddresses && hasDigit)
        {
            text = AddressPattern().Replace(text, Address);
        }
        if (_options.Phones && hasDigit)
        {
            text = PhonePattern().Replace(text, m => CountDigits(m.Value) is >= 9 and <= 15 ? Phone : m.Value);
        }
        if (_options.Names)
        {
            text = NamePattern().Replace(text, m => m.Groups["intro"].Value + Name);
        }
        return text;
    }

    private static int CountDigits(string s) => s.Count(char.IsAsciiDigit);

    [GeneratedRegex(@"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")]
    private static partial Regex EmailPattern();

    // US "(555) 123-4567", "555.123.4567", "+1 555 123 4567"; UK "07700 900123", "+44 (0)20 7946 0958";
    // other "+33 1 23 45 67 89". Single separators only, so runs of small numbers in prose rarely join up.
    [GeneratedRegex(@"(?<![\w+])(?:\+\d{1,3}[ .-]?)?(?:\(\d{1,5}\)[ .-]?)?\d(?:[ .-]?\d){6,14}(?![\w])")]
    private static partial Regex PhonePattern();

    // A house number, one to four words and a street suffix: "221b Baker Street", "12 north oak ave".
    [GeneratedRegex(@"\b\d{1,6}[A-Za-z]?,?\s+(?:[A-Za-z][\w'.-]*\s+){1,4}(?:street|st|avenue|ave|road|rd|lane|ln|drive|dr|boulevard|blvd|court|ct|way|place|pl|terrace|close|crescent|square|sq|parkway|pkwy|highway|hwy|circle|cir|gardens|grove|mews|row)\b\.?", RegexOptions.IgnoreCase)]
    private static partial Regex AddressPattern();

    // Keeps the introduction, masks up to three name words: "my name is Jane Smith" -> "my name is [name]".
    [GeneratedRegex(@"(?<intro>\b(?i:my name is|my name's|i'm called|i am called|call me|they call me)\s+)(?<name>[\p{L}'-]+(?:\s+\p{Lu}[\p{L}'-]*){0,2})")]
    private static partial Regex NamePattern();
}
