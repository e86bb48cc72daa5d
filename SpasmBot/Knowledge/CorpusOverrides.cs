using SpasmBot.Knowledge.Ingestion;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace SpasmBot.Knowledge;

/// <summary>The shape of corpus/overrides.yaml.</summary>
public sealed class OverridesFile
{
    public List<OverrideEntry> Entries { get; set; } = [];
    public List<OverrideAlternates> Alternates { get; set; } = [];
    public List<OverrideCorrection> Corrections { get; set; } = [];
    public List<string> Remove { get; set; } = [];
}

public sealed class OverrideEntry
{
    public string? Id { get; set; }
    public string Question { get; set; } = "";
    public List<string> Alternates { get; set; } = [];
    public string Answer { get; set; } = "";
    public string? Topic { get; set; }
    public string? Source { get; set; }
}

public sealed class OverrideAlternates
{
    public string FaqId { get; set; } = "";
    public List<string> Questions { get; set; } = [];
}

public sealed class OverrideCorrection
{
    public string FaqId { get; set; } = "";
    public string? Question { get; set; }
    public string? Answer { get; set; }
    public string? Topic { get; set; }
}

/// <summary>The ingested entries with the editors' overrides applied, and what could not be applied.</summary>
public sealed record OverridesResult(IReadOnlyList<FaqEntry> Entries, IReadOnlyList<string> Problems);

/// <summary>
/// The editors' file: new entries, extra wordings for existing entries, corrections and removals, applied on top
/// of ingestion without touching code. The operators' console appends to it with <see cref="AddAlternate"/> and
/// <see cref="AddEntry"/>; every save replaces the file atomically and keeps its comment header.
/// </summary>
public sealed class CorpusOverrides(string path)
{
    public const string SourceName = "overrides";

    private static readonly object FileLock = new();

    public string Path { get; } = path;

    public OverridesFile Load()
    {
        if (!File.Exists(Path))
        {
            return new OverridesFile();
        }
        try
        {
            var file = new DeserializerBuilder()
                .WithNamingConvention(CamelCaseNamingConvention.Instance)
                .Build()
                .Deserialize<OverridesFile>(File.ReadAllText(Path));
            return file ?? new OverridesFile();
        }
        catch (YamlDotNet.Core.YamlException e)
        {
            throw new FormatException($"{Path} (line {e.Start.Line}): {e.Message}", e);
        }
    }

    /// <summary>The id an editor entry gets when the file gives none: derived from its question, so it is stable.</summary>
    public static string IdFor(OverrideEntry entry) =>
        string.IsNullOrWhiteSpace(entry.Id) ? "custom-" + FaqIds.For(SourceName, entry.Question) : entry.Id.Trim();

    public OverridesResult Apply(IReadOnlyList<FaqEntry> ingested, TopicRules? topics = null) => Apply(Load(), ingested, topics);

    public static OverridesResult Apply(OverridesFile file, IReadOnlyList<FaqEntry> ingested, TopicRules? topics = null)
    {
        var problems = new List<string>();
        var entries = ingested.ToList();
        int IndexOf(string id) => entries.FindIndex(e => e.Id == id);

        foreach (var added in file.Entries)
        {
            if (string.IsNullOrWhiteSpace(added.Question) || string.IsNullOrWhiteSpace(added.Answer))
            {
                problems.Add($"entries: an entry needs a question and an answer (id {added.Id ?? "none"}); skipped.");
                continue;
            }
            var id = IdFor(added);
            if (IndexOf(id) >= 0)
            {
                problems.Add($"entries: id '{id}' is already taken; skipped.");
                continue;
            }
            var topic = ValidTopic(added.Topic, topics, problems, id)
                        ?? topics?.Classify(added.Question, "", added.Answer) ?? "general";
            entries.Add(new FaqEntry
            {
                Id = id,
                Question = added.Question.Trim(),
                AlternateQuestions = added.Alternates.Select(a => a.Trim()).Where(a => a.Length > 0).ToList(),
                Answer = added.Answer.Trim(),
                SourceDocument = SourceName,
                Section = "",
                Topic = topic,
                FurtherSources = string.IsNullOrWhiteSpace(added.Source) ? [] : [added.Source.Trim()],
            });
        }

        foreach (var group in file.Alternates)
        {
            var i = IndexOf(group.FaqId);
            if (i < 0)
            {
                problems.Add($"alternates: no entry has id '{group.FaqId}'; its {group.Questions.Count} question(s) were not added.");
                continue;
            }
            var existing = entries[i].AlternateQuestions.ToList();
            foreach (var q in group.Questions.Select(q => q.Trim()).Where(q => q.Length > 0))
            {
                if (!existing.Contains(q, StringComparer.OrdinalIgnoreCase) && !string.Equals(q, entries[i].Question, StringComparison.OrdinalIgnoreCase))
                {
                    existing.Add(q);
                }
            }
            entries[i] = entries[i] with { AlternateQuestions = existing };
        }

        foreach (var correction in file.Corrections)
        {
            var i = IndexOf(correction.FaqId);
            if (i < 0)
            {
                problems.Add($"corrections: no entry has id '{correction.FaqId}'; not applied.");
                continue;
            }
            var e = entries[i];
            var alternates = e.AlternateQuestions.ToList();
            if (!string.IsNullOrWhiteSpace(correction.Question) && correction.Question.Trim() != e.Question)
            {
                // The old wording still finds the entry.
                alternates.Insert(0, e.Question);
            }
            entries[i] = e with
            {
                Question = string.IsNullOrWhiteSpace(correction.Question) ? e.Question : correction.Question.Trim(),
                Answer = string.IsNullOrWhiteSpace(correction.Answer) ? e.Answer : correction.Answer.Trim(),
                Topic = ValidTopic(correction.Topic, topics, problems, e.Id) ?? e.Topic,
                AlternateQuestions = alternates,
                // An editor's answer is complete by definition.
                IsTruncated = string.IsNullOrWhiteSpace(correction.Answer) && e.IsTruncated,
            };
        }

        foreach (var id in file.Remove)
        {
            if (entries.RemoveAll(e => e.Id == id) == 0)
            {
                problems.Add($"remove: no entry has id '{id}'.");
            }
        }
        return new OverridesResult(entries, problems);
    }

    /// <summary>Adds another wording for an existing entry and saves the file.</summary>
    public void AddAlternate(string faqId, string question)
    {
        if (string.IsNullOrWhiteSpace(faqId) || string.IsNullOrWhiteSpace(question))
        {
            throw new ArgumentException("Both the entry id and the question are needed.");
        }
        lock (FileLock)
        {
            var file = Load();
            var group = file.Alternates.FirstOrDefault(a => a.FaqId == faqId);
            if (group is null)
            {
                group = new OverrideAlternates { FaqId = faqId };
                file.Alternates.Add(group);
            }
            if (!group.Questions.Contains(question.Trim(), StringComparer.OrdinalIgnoreCase))
            {
                group.Questions.Add(question.Trim());
            }
            Save(file);
        }
    }

    /// <summary>Adds a new editor entry and saves the file; returns its id.</summary>
    public string AddEntry(string question, string answer, string topic)
    {
        if (string.IsNullOrWhiteSpace(question) || string.IsNullOrWhiteSpace(answer))
        {
            throw new ArgumentException("A new entry needs a question and an answer.");
        }
        lock (FileLock)
        {
            var file = Load();
            var entry = new OverrideEntry { Question = question.Trim(), Answer = answer.Trim(), Topic = string.IsNullOrWhiteSpace(topic) ? null : topic.Trim() };
            entry.Id = IdFor(entry);
            if (file.Entries.Any(e => IdFor(e) == entry.Id))
            {
                throw new InvalidOperationException($"An editor entry with the question '{question}' already exists ({entry.Id}).");
            }
            file.Entries.Add(entry);
            Save(file);
            return entry.Id;
        }
    }

    /// <summary>Writes beside the file and moves it over, so a reader never sees half a file; keeps the comment header.</summary>
    public void Save(OverridesFile file)
    {
        var header = File.Exists(Path)
            ? File.ReadLines(Path).TakeWhile(l => l.StartsWith('#') || l.Trim().Length == 0).ToList()
            : [];
        var yaml = new SerializerBuilder()
            .WithNamingConvention(CamelCaseNamingConvention.Instance)
            .ConfigureDefaultValuesHandling(DefaultValuesHandling.OmitNull)
            .Build()
            .Serialize(file);
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!;
        Directory.CreateDirectory(directory);
        var temp = System.IO.Path.Combine(directory, $".{System.IO.Path.GetFileName(Path)}.{Guid.NewGuid():N}.tmp");
        File.WriteAllText(temp, string.Join('\n', header) + (header.Count > 0 ? "\n" : "") + yaml);
        File.Move(temp, Path, overwrite: true);
    }

    private static string? ValidTopic(string? topic, TopicRules? topics, List<string> problems, string id)
    {
        if (string.IsNullOrWhiteSpace(topic))
        {
            return null;
        }
        if (topics is not null && !topics.Topics.Contains(topic.Trim()))
        {
            problems.Add($"{id}: topic '{topic}' is not in topics.txt ({string.Join(", ", topics.Topics)}); assigned automatically.");
            return null;
        }
        return topic.Trim();
    }
}
