using SpasmBot.Knowledge;

namespace SpasmBot.Benchmarks;

/// <summary>
/// Larger corpora made from the real one: each synthetic entry recombines a real question with a second
/// question's subject words and an answer stitched from sentences of real answers, so term statistics
/// stay realistic while the index grows.
/// </summary>
public static class SyntheticCorpus
{
    public static List<FaqEntry> Create(IReadOnlyList<FaqEntry> real, int size, int seed = 42)
    {
        if (size <= real.Count)
        {
            return real.Take(size).ToList();
        }
        var random = new Random(seed);
        var sentences = real.SelectMany(e => e.Answer.Split(". ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Where(s => s.Length > 20)
            .ToArray();
        var questions = real.Select(e => e.Question.TrimEnd('?')).ToArray();
        var entries = new List<FaqEntry>(size);
        entries.AddRange(real);
        for (var i = entries.Count; i < size; i++)
        {
            var question = questions[random.Next(questions.Length)];
            var other = questions[random.Next(questions.Length)].Split(' ');
            var tail = string.Join(' ', other.Skip(Math.Max(0, other.Length - 3)));
            var answer = string.Join(". ", Enumerable.Range(0, 2 + random.Next(4)).Select(_ => sentences[random.Next(sentences.Length)])) + ".";
            entries.Add(new FaqEntry
            {
                Id = $"synthetic-{i}",
                Question = $"{question} {tail}?",
                Answer = answer,
                SourceDocument = "synthetic",
                Section = real[random.Next(real.Count)].Section,
                Topic = real[random.Next(real.Count)].Topic,
                IsTruncated = random.Next(20) == 0,
            });
        }
        return entries;
    }
}
