namespace SpasmBot.Knowledge;

/// <summary>The "Knowledge" section of appsettings.json.</summary>
public sealed class KnowledgeOptions
{
    public const string SectionName = "Knowledge";

    /// <summary>The corpus folder (holding sources/ and the data files). A relative path is searched for upwards
    /// from the current directory and from the application's folder.</summary>
    public string CorpusPath { get; set; } = "corpus";
}
