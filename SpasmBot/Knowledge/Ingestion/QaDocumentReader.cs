using System.Text.RegularExpressions;

namespace SpasmBot.Knowledge.Ingestion;

/// <summary>
/// Question-and-answer pages (000, 001): a line that is a question, then its answer up to the next question.
/// Rejoins lines the page broke around emphasised fragments ("A back spasm can feel like" / "a tightening…" / ". With…").
/// </summary>
internal static partial class QaDocumentReader
{
    /// <summary>A whole line asking something: ends with "?" and short enough to be a question, not prose.</summary>
    public static bool IsQuestionLine(string line)
    {
        var t = line.Trim();
        return t.EndsWith('?') && !AnswerText.IsListItem(t) && Sentences.WordCount(t) <= 20
               && Sentences.Split(t).Count == 1 && char.IsUpper(t[0]);
    }

    public static bool LooksLikeQa(IReadOnlyList<string> lines)
    {
        var nonBlank = lines.Count(l => !string.IsNullOrWhiteSpace(l));
        var questions = lines.Count(IsQuestionLine);
        return questions >= 5 && questions * 5 >= nonBlank;
    }

    public static List<DraftEntry> Read(string document, IReadOnlyList<string> lines, Func<string, DerivedQuestion?> preambleQuestion)
    {
        var blocks = new List<(string? Question, List<string> Lines, int Order)>();
        (string? Question, List<string> Lines, int Order) current = (null, [], 0);
        for (var i = 0; i < lines.Count; i++)
        {
            if (IsQuestionLine(lines[i]))
            {
                blocks.Add(current);
                current = (lines[i].Trim(), [], i);
            }
            else
            {
                current.Lines.Add(lines[i]);
            }
        }
        blocks.Add(current);

        var entries = new List<DraftEntry>();
        for (var b = 0; b < blocks.Count; b++)
        {
            var (question, body, order) = blocks[b];
            var answer = Rejoin(body);
            var alternates = new List<string>();

            // A page title repeating the first question ("Why do I…?" twice at the top) has no body of its own.
            if (answer.Length == 0)
            {
                continue;
            }
            // "How Long Do Back Spasms Last? Most episodes…": a heading-like question opening the answer is another wording.
            var sentences = Sentences.Split(answer.Split('\n')[0]);
            if (sentences.Count > 1 && Sentences.IsQuestion(sentences[0]))
            {
                alternates.Add(Sentences.SentenceCase(sentences[0]));
                answer = answer[answer.IndexOf(sentences[1], StringComparison.Ordinal)..];
            }

            if (question is null)
            {
                // Text before the first question: keep it only when it plainly answers a question of its own.
                var derived = preambleQuestion(answer);
                if (derived is null)
                {
                    continue;
                }
                question = derived.Question;
                alternates.AddRange(derived.Alternates);
            }

            var entry = new DraftEntry { Document = document, Question = question, Order = order };
            entry.Alternates.AddRange(alternates);
            entry.Parts.Add(answer);
            entries.Add(entry);
        }
        return entries;
    }

    /// <summary>Joins broken lines into sentences; keeps list items one per line.</summary>
    public static string Rejoin(IReadOnlyList<string> lines)
    {
        var output = new List<string>();
        var prose = "";

        void FlushProse()
        {
            if (prose.Length > 0)
            {
                output.Add(prose.Trim());
                prose = "";
            }
        }

        var pending = lines.Select(l => l.Trim()).ToList();
        for (var i = 0; i < pending.Count; i++)
        {
            var line = pending[i];
            if (line.Length == 0)
            {
                FlushProse();
                continue;
            }
            if (AnswerText.IsListItem(line))
            {
                FlushProse();
                output.Add(AnswerText.ListItem(line));
                continue;
            }
            if (prose.Length == 0)
            {
                prose = line;
            }
            else if (GluesToPrevious().IsMatch(line))
            {
                // ". Back spasms often…" closes the emphasised fragment on the line before.
                prose += line;
            }
            else if (EndsSentence(prose))
            {
                prose += " " + line;
            }
            else if (char.IsUpper(line[0]) && IsTitleCase(prose))
            {
                // "Heat Is For Muscle Pain" standing alone above its text: a heading, make it a sentence.
                prose = Sentences.SentenceCase(prose) + ". " + line;
            }
            else
            {
                prose += " " + line;
            }
        }
        FlushProse();

        // Prose then list: one line each so the list reads as a list.
        return AnswerText.Tidy(string.Join("\n", output));
    }

    private static bool EndsSentence(string text) => text.TrimEnd() is var t && t.Length > 0 && t[^1] is '.' or '!' or '?' or '…';

    private static bool IsTitleCase(string text)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length is > 1 and <= 8 && words.Count(w => char.IsUpper(w[0])) * 10 >= words.Length * 7;
    }

    [GeneratedRegex(@"^[.,;:!?)]")]
    private static partial Regex GluesToPrevious();
}
