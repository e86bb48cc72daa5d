using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace SpasmBot.Knowledge;

/// <summary>Editorial structure of the article sources (corpus/structure.yaml).</summary>
public sealed class DocumentStructure
{
    public Dictionary<string, DocumentNotes> Documents { get; set; } = new();

    public DocumentNotes For(string documentName) =>
        Documents.TryGetValue(documentName, out var notes) ? notes : new DocumentNotes();

    public static DocumentStructure Load(string path)
    {
        if (!File.Exists(path))
        {
            return new DocumentStructure();
        }
        try
        {
            var deserializer = new DeserializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance).Build();
            return deserializer.Deserialize<DocumentStructure>(File.ReadAllText(path)) ?? new DocumentStructure();
        }
        catch (YamlDotNet.Core.YamlException e)
        {
            throw new FormatException($"{path}: {e.Message}", e);
        }
    }
}

public sealed class DocumentNotes
{
    public string Subject { get; set; } = "";
    public List<SectionHint> Sections { get; set; } = [];
    public List<PassageQuestion> Questions { get; set; } = [];
    /// <summary>Paragraphs (by their opening words) that repeat other passages or only lead the reader on.</summary>
    public List<string> Drop { get; set; } = [];
}

/// <summary>A heading the page had but the text lost, re-inserted before the paragraph starting with <see cref="Before"/>.</summary>
public sealed class SectionHint
{
    public string Before { get; set; } = "";
    public string Heading { get; set; } = "";
}

/// <summary>A reviewed question for the passage starting with <see cref="Start"/>.</summary>
public sealed class PassageQuestion
{
    public string Start { get; set; } = "";
    public string Question { get; set; } = "";
    public List<string> Alternates { get; set; } = [];
    /// <summary>How many paragraphs, from this one on, the question covers.</summary>
    public int Paragraphs { get; set; } = 1;
}
