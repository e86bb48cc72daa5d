namespace SpasmBot.Knowledge;

/// <summary>The data files under corpus/ that steer ingestion, loaded together.</summary>
public sealed record CorpusRules(
    TextRepairs Repairs,
    BoilerplateFilter Boilerplate,
    TopicRules Topics,
    QuestionRules Questions,
    DocumentStructure Structure)
{
    public static CorpusRules Load(string corpusDirectory) => new(
        TextRepairs.Load(Require(corpusDirectory, "repairs.tsv")),
        BoilerplateFilter.Load(Require(corpusDirectory, "boilerplate.txt")),
        TopicRules.Load(Require(corpusDirectory, "topics.txt")),
        QuestionRules.Load(Require(corpusDirectory, "questions.tsv")),
        DocumentStructure.Load(Path.Combine(corpusDirectory, "structure.yaml")));

    private static string Require(string directory, string name)
    {
        var path = Path.Combine(directory, name);
        return File.Exists(path) ? path : throw new FileNotFoundException($"The corpus data file {path} is missing.", path);
    }
}
