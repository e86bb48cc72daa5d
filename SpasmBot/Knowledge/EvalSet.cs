namespace SpasmBot.Knowledge;

/// <summary>One labelled question: what a visitor typed and the answer phrases that make an entry right.</summary>
/// <param name="ExpectedPhrases">Empty for a question the bot should decline.</param>
/// <param name="IsValidation">Held out when choosing thresholds.</param>
public sealed record EvalQuestion(int Line, string Question, IReadOnlyList<string> ExpectedPhrases, bool IsValidation)
{
    public bool IsOffTopic => ExpectedPhrases.Count == 0;
}

/// <summary>
/// The labelled set (corpus/eval/questions.tsv). An entry is a right answer when its question or answer
/// contains one of the expected phrases, compared word by word, so labels survive changes to ids,
/// derived questions and punctuation.
/// </summary>
public sealed class EvalSet
{
    private EvalSet(IReadOnlyList<EvalQuestion> questions) => Questions = questions;

    public IReadOnlyList<EvalQuestion> Questions { get; }

    public static EvalSet Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Labelled set not found: {path}", path);
        }
        var questions = new List<EvalQuestion>();
        var labelled = 0;
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line) || line.TrimStart().StartsWith('#'))
            {
                continue;
            }
            var columns = line.Split('\t');
            if (columns.Length != 2 || string.IsNullOrWhiteSpace(columns[1]))
            {
                throw new FormatException($"{path} line {lineNumber}: expected two tab-separated columns (expected, question).");
            }
            var expected = columns[0].Trim() == "-"
                ? []
                : columns[0].Split(" | ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            labelled++;
            questions.Add(new EvalQuestion(lineNumber, columns[1].Trim(), expected, labelled % 4 == 0));
        }
        return new EvalSet(questions);
    }

    /// <summary>Whether the entry answers the labelled question.</summary>
    public static bool IsRight(FaqEntry entry, EvalQuestion question) =>
        question.ExpectedPhrases.Any(phrase => Contains(entry, phrase));

    /// <summary>Whether the entry's question, alternates or answer contain the phrase, word by word.</summary>
    public static bool Contains(FaqEntry entry, string phrase)
    {
        var text = " " + string.Join(' ', TextAnalysis.Words(string.Join("\n", [entry.Question, .. entry.AlternateQuestions, entry.Answer]))) + " ";
        var words = " " + string.Join(' ', TextAnalysis.Words(phrase)) + " ";
        return words.Length > 2 && text.Contains(words, StringComparison.Ordinal);
    }
}
