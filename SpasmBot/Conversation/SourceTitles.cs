using SpasmBot.Knowledge;

namespace SpasmBot.Conversation;

/// <summary>Readable titles for source documents (corpus/sources.tsv), so answers cite "Lower back spasm: …" rather than a file name.</summary>
public sealed class SourceTitles
{
    private readonly Dictionary<string, string> _titles = new(StringComparer.OrdinalIgnoreCase);

    public SourceTitles(string path)
    {
        if (!File.Exists(path))
        {
            return;
        }
        foreach (var (_, parts) in TsvRows.Read(File.ReadLines(path)).Where(row => row.Parts.Length >= 2))
        {
            _titles[parts[0].Trim()] = parts[1].Trim();
        }
    }

    /// <summary>The title for a file name; a reference that starts with a file name ("001_….txt (Heat)") keeps its tail.</summary>
    public string TitleOf(string sourceDocument)
    {
        if (_titles.TryGetValue(sourceDocument, out var title))
        {
            return title;
        }
        var file = _titles.Keys.FirstOrDefault(k => sourceDocument.StartsWith(k + " ", StringComparison.OrdinalIgnoreCase));
        return file is null ? sourceDocument : _titles[file] + sourceDocument[file.Length..];
    }

    /// <summary>"Source: title, section" plus the other documents that said the same.</summary>
    public string Citation(FaqEntry entry)
    {
        var title = TitleOf(entry.SourceDocument);
        var where = string.IsNullOrEmpty(entry.Section) || entry.Section == title ? title : $"{title}, \"{entry.Section}\"";
        var also = entry.FurtherSources.SelectMany(s => s.Split("; ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(TitleOf).Where(t => t != title).Distinct().ToList();
        return also.Count == 0 ? $"Source: {where}" : $"Source: {where}; also {string.Join("; ", also)}";
    }
}
