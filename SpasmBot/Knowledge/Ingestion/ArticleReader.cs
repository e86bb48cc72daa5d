using System.Text.RegularExpressions;

namespace SpasmBot.Knowledge.Ingestion;

/// <summary>
/// Articles (002, 003, 004): headings become sections; each section becomes one or more entries. A heading that
/// questions.tsv knows ("Poor posture" under "Causes") gives the section's question; a broad heading ("Identifying
/// and Treating Lower Back Spasms") lets each passage take the question of its own topic.
/// </summary>
internal sealed partial class ArticleReader(CorpusRules rules)
{
    /// <summary>A section longer than this is split when its passages turn to other topics.</summary>
    private const int SplitAboveWords = 160;

    private sealed record Unit(string Text, string Opening, string? LeadQuestion, int Order);

    private sealed class Section
    {
        public string Heading = "";
        public string Parent = "";
        public int Level = 1;
        public readonly List<Unit> Units = [];
    }

    public List<DraftEntry> Read(string document, IReadOnlyList<string> lines)
    {
        var notes = rules.Structure.For(document);
        var sections = BuildSections(lines, notes);
        ListSubsections(sections);
        var entries = new List<DraftEntry>();
        foreach (var section in sections.Where(s => s.Units.Count > 0))
        {
            AddSectionEntries(document, section, notes, entries);
        }
        return entries;
    }

    /// <summary>"Some of the most common causes… include the following:" lists the subsections' headings below it.</summary>
    private static void ListSubsections(List<Section> sections)
    {
        foreach (var section in sections.Where(s => s.Level == 1 && s.Units.Count > 0 && s.Units[^1].Text.EndsWith(':')))
        {
            var children = sections.Where(c => c.Level == 2 && c.Parent == section.Heading).Select(c => c.Heading).ToList();
            if (children.Count > 0)
            {
                var last = section.Units[^1];
                section.Units[^1] = last with { Text = last.Text + "\n" + string.Join("\n", children.Select(c => "- " + c)) };
            }
        }
    }

    private List<Section> BuildSections(IReadOnlyList<string> lines, DocumentNotes notes)
    {
        var paragraphs = Paragraphs(lines);
        var sections = new List<Section> { new() };
        var hintParent = "";
        for (var p = 0; p < paragraphs.Count; p++)
        {
            var (text, isList, order) = paragraphs[p];
            var hint = notes.Sections.FirstOrDefault(h =>
                h.Before.Length > 0 && text.StartsWith(h.Before, StringComparison.OrdinalIgnoreCase));
            if (hint is not null)
            {
                hintParent = hint.Heading;
                sections.Add(new Section { Heading = hint.Heading, Level = 1 });
            }
            if (!isList && IsHeading(text) && p + 1 == paragraphs.Count)
            {
                // A heading with nothing under it (an author's name left after the bio was dropped).
                continue;
            }
            if (!isList && IsHeading(text))
            {
                // Under a re-inserted heading, headings in the text are its subsections ("Causes" > "Poor posture").
                sections.Add(hintParent.Length > 0
                    ? new Section { Heading = text, Parent = hintParent, Level = 2 }
                    : new Section { Heading = text, Level = 1 });
                continue;
            }
            AddParagraph(sections[^1], text, isList, order);
        }
        return sections;
    }

    private static void AddParagraph(Section section, string text, bool isList, int order)
    {
        var last = section.Units.Count > 0 ? section.Units[^1] : null;
        if (isList && last is not null && (last.Text.EndsWith(':') || last.Text.Contains("\n- ") || last.Text.StartsWith("- ")))
        {
            // A list belongs to the sentence introducing it ("…treatments available… including:").
            section.Units[^1] = last with { Text = last.Text + "\n" + text };
            return;
        }
        var unit = MakeUnit(text, order);
        if (unit is not null)
        {
            section.Units.Add(unit);
        }
    }

    /// <summary>Rhetorical questions ("But what causes them?") lead the reader on; they are not answers.</summary>
    private static Unit? MakeUnit(string text, int order)
    {
        if (text.StartsWith("- "))
        {
            return new Unit(text, text.Split('\n')[0][2..], null, order);
        }
        var firstLine = text.Split('\n')[0];
        var rest = text.Length > firstLine.Length ? text[firstLine.Length..] : "";
        var sentences = Sentences.Split(firstLine);
        string? lead = null;
        if (sentences.Count > 1 && Sentences.IsQuestion(sentences[0]) && QuestionWord().IsMatch(sentences[0]))
        {
            lead = sentences[0];
        }
        var kept = sentences.Where(s => !Sentences.IsQuestion(s)).ToList();
        if (kept.Count == 0)
        {
            return null;
        }
        var prose = string.Join(" ", kept) + rest;
        return new Unit(prose, kept[0], lead, order);
    }

    /// <summary>A passage shorter than this never becomes an entry of its own: it is a transition, not an answer.</summary>
    private const int MinPassageWords = 25;

    private void AddSectionEntries(string document, Section section, DocumentNotes notes, List<DraftEntry> entries)
    {
        // A subsection ("Poor posture") is about its parent's subject; a top-level heading names its own.
        var subject = (section.Level == 2 ? SubjectOf(section.Parent) : SubjectOf(section.Heading))
                      ?? (notes.Subject.Length > 0 ? notes.Subject : "back spasms");
        var derived = section.Heading.Length > 0 ? rules.Questions.Derive(section.Parent, section.Heading, subject) : null;
        var sectionName = section.Parent.Length > 0 ? $"{section.Parent} > {section.Heading}" : section.Heading;
        var words = section.Units.Sum(u => Sentences.WordCount(u.Text));
        var headingTopic = derived is null
            ? rules.Topics.ClassifyPassage(section.Heading)?.Topic
            : rules.Topics.Classify(derived.Question, section.Heading, "");
        // Narrow headings keep their text together unless it is long; broad ones always follow their passages.
        var mayTurnTopic = derived is null || (words > SplitAboveWords && section.Level == 1);

        var sectionEntries = new List<DraftEntry>();
        DraftEntry HeadingEntry(int order)
        {
            if (derived is not null)
            {
                return FindOrAdd(derived.Question, derived.Alternates, document, sectionName, order, sectionEntries);
            }
            var topic = rules.Topics.ClassifyPassage(section.Heading) ?? rules.Topics.Find(rules.Topics.Fallback);
            var asked = topic?.Ask(subject) ?? new DerivedQuestion(Sentences.Capitalise(QuestionRules.Fill2("What {are} {subject}?", subject)), []);
            return FindOrAdd(asked.Question, asked.Alternates, document, sectionName, order, sectionEntries);
        }

        DraftEntry? current = null;
        var pinnedLeft = 0;
        foreach (var unit in section.Units)
        {
            if (notes.Drop.Any(d => d.Length > 0 && unit.Text.StartsWith(d, StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }
            var pin = notes.Questions.FirstOrDefault(q => q.Start.Length > 0 && unit.Text.StartsWith(q.Start, StringComparison.OrdinalIgnoreCase));
            if (pin is not null)
            {
                current = FindOrAdd(pin.Question, pin.Alternates, document, sectionName, unit.Order, sectionEntries);
                pinnedLeft = Math.Max(1, pin.Paragraphs) - 1;
                current.Parts.Add(unit.Text);
                continue;
            }
            if (pinnedLeft > 0)
            {
                pinnedLeft--;
                current!.Parts.Add(unit.Text);
                continue;
            }

            var question = PassageQuestion(unit, subject);
            var unitWords = Sentences.WordCount(unit.Text);
            if (question is null && mayTurnTopic && unitWords >= MinPassageWords)
            {
                var topic = rules.Topics.ClassifyPassage(unit.Opening);
                if (topic is not null && topic.Topic == headingTopic)
                {
                    current = HeadingEntry(unit.Order);
                }
                else if (topic is not null)
                {
                    question = topic.Ask(subject);
                }
            }
            if (question is not null)
            {
                current = FindOrAdd(question.Question, question.Alternates, document, sectionName, unit.Order, sectionEntries);
            }
            else if (current is null || (unitWords < MinPassageWords && derived is not null))
            {
                current = HeadingEntry(unit.Order);
            }
            current.Parts.Add(unit.Text);
        }
        entries.AddRange(sectionEntries.Where(e => e.Parts.Count > 0));
    }

    private DerivedQuestion? PassageQuestion(Unit unit, string subject)
    {
        var fromText = rules.Questions.DerivePassage(unit.Opening, subject);
        if (fromText is not null)
        {
            return fromText;
        }
        return unit.LeadQuestion is null ? null : new DerivedQuestion(unit.LeadQuestion, []);
    }

    private static DraftEntry FindOrAdd(string question, IReadOnlyList<string> alternates, string document, string section, int order, List<DraftEntry> entries)
    {
        var key = Sentences.NormaliseQuestion(question);
        var entry = entries.FirstOrDefault(e => Sentences.NormaliseQuestion(e.Question) == key);
        if (entry is null)
        {
            entry = new DraftEntry { Document = document, Section = section, Question = question, Order = order };
            entries.Add(entry);
        }
        foreach (var alternate in alternates)
        {
            if (!entry.Alternates.Contains(alternate, StringComparer.OrdinalIgnoreCase))
            {
                entry.Alternates.Add(alternate);
            }
        }
        return entry;
    }

    /// <summary>A heading: one short line, no closing punctuation (a question mark is fine), starting with a capital.</summary>
    public static bool IsHeading(string text)
    {
        var t = text.Trim();
        return t.Length > 0 && !t.Contains('\n') && Sentences.WordCount(t) <= 12
               && (char.IsUpper(t[0]) || char.IsDigit(t[0]))
               && t[^1] is not ('.' or ',' or ';' or ':' or '!' or '…')
               && Sentences.Split(t).Count == 1;
    }

    /// <summary>The condition a heading names ("Identifying and Treating Lower Back Spasms" → "lower back spasms").</summary>
    public static string? SubjectOf(string heading)
    {
        var matches = SubjectPattern().Matches(heading).Select(m => m.Value.Trim().ToLowerInvariant()).ToList();
        var subject = matches.FirstOrDefault(m => m.Contains("spasm")) ?? matches.FirstOrDefault();
        if (subject is null)
        {
            return null;
        }
        return subject.EndsWith("spasm") || subject.EndsWith("cramp") ? subject + "s" : subject;
    }

    private static List<(string Text, bool IsList, int Order)> Paragraphs(IReadOnlyList<string> lines)
    {
        var result = new List<(string, bool, int)>();
        var block = new List<string>();
        var start = 0;
        void Flush()
        {
            if (block.Count > 0)
            {
                var isList = block.All(AnswerText.IsListItem);
                result.Add((QaDocumentReader.Rejoin(block), isList, start));
                block.Clear();
            }
        }
        for (var i = 0; i < lines.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i]))
            {
                Flush();
                continue;
            }
            if (block.Count == 0)
            {
                start = i;
            }
            block.Add(lines[i]);
        }
        Flush();
        return result;
    }

    [GeneratedRegex(@"(?:(?:lower|upper)\s+)?(?:(?:back|buttock|neck|leg|calf)\s+)?(?:muscles?\s+)?(?:spasms?|pain|cramps?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex SubjectPattern();

    [GeneratedRegex(@"^(What|Why|How|When|Where|Which|Can|Could|Does|Do|Is|Are|Should|Will)\b")]
    private static partial Regex QuestionWord();
}
