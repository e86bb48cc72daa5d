using System.Text.RegularExpressions;

namespace SpasmBot.Knowledge.Ingestion;

/// <summary>A source document: its file name under corpus/sources and its text.</summary>
public sealed record SourceDocument(string Name, string Text)
{
    public static IReadOnlyList<SourceDocument> LoadAll(string corpusDirectory)
    {
        var folder = Path.Combine(corpusDirectory, "sources");
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"The corpus has no sources folder: {folder}");
        }
        return Directory.GetFiles(folder, "*.txt")
            .Order(StringComparer.Ordinal)
            .Select(f => new SourceDocument(Path.GetFileName(f), File.ReadAllText(f)))
            .ToList();
    }
}

public sealed record IngestResult(IReadOnlyList<FaqEntry> Entries, IngestReport Report);

/// <summary>
/// Turns the source documents into clean FAQ entries: repair, drop boilerplate, read Q&A pages and articles,
/// drop broken fragments, mark truncated answers, assign topics, merge duplicates. Deterministic: the same
/// sources and data files always give the same entries in the same order.
/// </summary>
public sealed partial class CorpusIngestor(CorpusRules rules)
{
    public static IngestResult IngestDirectory(string corpusDirectory) =>
        new CorpusIngestor(CorpusRules.Load(corpusDirectory)).Ingest(SourceDocument.LoadAll(corpusDirectory));

    public IngestResult Ingest(IEnumerable<SourceDocument> documents)
    {
        var report = new IngestReport();
        var drafts = new List<DraftEntry>();
        foreach (var document in documents.OrderBy(d => d.Name, StringComparer.Ordinal))
        {
            var source = new SourceReport { Document = document.Name };
            report.Sources.Add(source);
            drafts.AddRange(ReadDocument(document, source, report));
        }

        var merges = new List<(DraftEntry Kept, DraftEntry Merged)>();
        var merged = DuplicateMerger.Merge(drafts, merges);
        var entries = merged.Select(ToEntry).ToList();
        var byDraft = merged.Zip(entries).ToDictionary(p => p.First, p => p.Second);

        foreach (var (kept, other) in merges)
        {
            var entry = byDraft[kept];
            report.Merged.Add(new MergedDuplicate(entry.Id, entry.Question, other.Question, Cite(other)));
        }
        var further = merges.GroupBy(m => m.Kept).ToDictionary(g => g.Key, g => g.Select(m => Cite(m.Merged)).Distinct().ToList());
        entries = merged.Select(d => further.TryGetValue(d, out var list) ? byDraft[d] with { FurtherSources = list } : byDraft[d]).ToList();

        foreach (var source in report.Sources)
        {
            source.Entries = entries.Count(e => e.SourceDocument == source.Document);
            source.Truncated = entries.Count(e => e.SourceDocument == source.Document && e.IsTruncated);
        }
        report.TotalEntries = entries.Count;
        report.TruncatedEntries = entries.Count(e => e.IsTruncated);
        return new IngestResult(entries, report);
    }

    private List<DraftEntry> ReadDocument(SourceDocument document, SourceReport source, IngestReport report)
    {
        var counts = new Dictionary<string, int>();
        // Pages carry non-breaking spaces and Windows line ends; rules are written against plain spaces and "\n".
        var plain = document.Text.Replace("\r\n", "\n").Replace('\u00A0', ' ').Replace('\u202F', ' ');
        var text = rules.Repairs.Apply(document.Name, plain, counts);
        foreach (var (rule, n) in counts)
        {
            report.RepairsApplied[rule] = report.RepairsApplied.GetValueOrDefault(rule) + n;
        }
        source.Repairs = counts.Values.Sum();

        var filtered = rules.Boilerplate.Apply(text.Split('\n'));
        source.BoilerplateLines = filtered.LinesDropped;
        source.BoilerplateSentences = filtered.SentencesDropped;

        var subject = rules.Structure.For(document.Name).Subject is { Length: > 0 } s ? s : "back spasms";
        List<DraftEntry> drafts;
        if (QaDocumentReader.LooksLikeQa(filtered.Lines))
        {
            source.Kind = "Q&A";
            drafts = QaDocumentReader.Read(document.Name, filtered.Lines,
                answer => rules.Questions.DerivePassage(Sentences.Split(answer).FirstOrDefault() ?? "", subject));
        }
        else
        {
            source.Kind = "article";
            drafts = new ArticleReader(rules).Read(document.Name, filtered.Lines);
        }
        source.Passages = drafts.Count;

        var kept = new List<DraftEntry>();
        foreach (var draft in drafts)
        {
            CleanAnswer(draft);
            var reason = AnswerText.FragmentReason(draft.Answer);
            if (reason is not null)
            {
                source.FragmentsDropped++;
                report.Fragments.Add(new DroppedFragment(document.Name, draft.Question, reason, draft.Answer));
                continue;
            }
            draft.Truncated = draft.Truncated || AnswerText.LooksTruncated(draft.Answer);
            kept.Add(draft);
        }
        return kept;
    }

    /// <summary>Cuts a "Read More" link and everything after it, and a stray quotation closing the sentence before.</summary>
    private static void CleanAnswer(DraftEntry draft)
    {
        for (var i = 0; i < draft.Parts.Count; i++)
        {
            var part = draft.Parts[i];
            var readMore = ReadMore().Match(part);
            if (readMore.Success)
            {
                part = part[..readMore.Index].TrimEnd();
                draft.Truncated = true;
            }
            // "” [But] occasionally…”. Although…": the answer opens inside a quotation cut from its start.
            var sentences = Sentences.Split(part);
            if (i == 0 && sentences.Count > 1 && sentences[0].StartsWith('”'))
            {
                part = part[part.IndexOf(sentences[1], StringComparison.Ordinal)..];
            }
            draft.Parts[i] = part;
        }
        draft.Parts.RemoveAll(p => p.Trim().Length == 0);
    }

    private FaqEntry ToEntry(DraftEntry draft)
    {
        var answer = draft.Answer;
        var alternates = draft.Alternates
            .Where(a => !DuplicateMerger.SameQuestion(a, draft.Question))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
        return new FaqEntry
        {
            Id = FaqIds.For(draft.Document, draft.Question),
            Question = draft.Question,
            AlternateQuestions = alternates,
            Answer = answer,
            SourceDocument = draft.Document,
            Section = draft.Section,
            Topic = rules.Topics.Classify(draft.Question + " " + string.Join(" ", alternates.Take(1)), draft.Section, answer),
            IsTruncated = draft.Truncated,
        };
    }

    private static string Cite(DraftEntry draft) =>
        draft.Section.Length > 0 ? $"{draft.Document} ({draft.Section})" : $"{draft.Document} ({draft.Question})";

    [GeneratedRegex(@"\s*\bRead More\b")]
    private static partial Regex ReadMore();
}
