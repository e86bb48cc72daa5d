namespace SpasmBot.Knowledge;

/// <summary>The data rows of the corpus's tab-separated files: blank lines and '#' comments skipped, line numbers kept for error messages.</summary>
public static class TsvRows
{
    public static IEnumerable<(int Number, string[] Parts)> Read(IEnumerable<string> lines)
    {
        var number = 0;
        foreach (var line in lines)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line) || line.TrimStart().StartsWith('#'))
            {
                continue;
            }
            yield return (number, line.Split('\t'));
        }
    }
}
