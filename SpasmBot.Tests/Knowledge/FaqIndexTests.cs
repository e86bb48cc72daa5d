using SpasmBot.Knowledge;

namespace SpasmBot.Tests.Knowledge;

public sealed class FaqIndexTests
{
    [Fact]
    public void Question_matches_outrank_answer_matches()
    {
        using var index = FaqIndex.Build(SampleKnowledge.Entries());

        // "walking" appears in the walking question; "exercise" only in its answer.
        var hits = index.Search("\"walking\"", 5);

        Assert.Equal("walking", index.Entries[hits[0].EntryIndex].Id);
    }

    [Fact]
    public void Stemming_finds_other_forms_of_a_word()
    {
        using var index = FaqIndex.Build(SampleKnowledge.Entries());

        var hits = index.Search("\"slept\" OR \"recovering\"", 5);

        Assert.Contains(hits, h => index.Entries[h.EntryIndex].Id == "duration");
    }

    [Fact]
    public void Vocabulary_comes_from_the_indexed_text_with_entry_counts()
    {
        using var index = FaqIndex.Build(SampleKnowledge.Entries());

        Assert.Equal(1, index.Vocabulary["pillow"]);
        Assert.True(index.Vocabulary["spasms"] >= 6);
        Assert.False(index.Vocabulary.ContainsKey("weather"));
    }

    [Fact]
    public void Concurrent_queries_all_get_the_same_answer()
    {
        using var index = FaqIndex.Build(SampleKnowledge.Entries());
        var expected = index.Search("\"pillow\"", 3).Select(h => h.EntryIndex).ToArray();

        var results = new int[64][];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 },
            i => results[i] = index.Search("\"pillow\"", 3).Select(h => h.EntryIndex).ToArray());

        Assert.All(results, r => Assert.Equal(expected, r));
    }

    [Fact]
    public void The_index_can_be_written_to_a_file_and_read_back()
    {
        using var index = FaqIndex.Build(SampleKnowledge.Entries());
        var path = Path.Combine(Path.GetTempPath(), $"faq-{Guid.NewGuid():N}.db");
        try
        {
            index.SaveTo(path);

            using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT id FROM faq WHERE faq MATCH '\"pillow\"'";
            Assert.Equal("sleep", command.ExecuteScalar());
        }
        finally
        {
            File.Delete(path);
        }
    }
}
