using Microsoft.Data.Sqlite;
using SpasmBot.Knowledge;

namespace SpasmBot.Tests.Knowledge;

/// <summary>Above <see cref="LargeCorpusSearch.MaxExactRows"/> entries, queries on very common words are answered from
/// in-memory lists instead of FTS5's exhaustive bm25; the hits must still be the entries that contain the words.</summary>
public sealed class LargeCorpusSearchTests
{
    private static readonly FaqIndex Index = FaqIndex.Build(Corpus());

    private static List<FaqEntry> Corpus()
    {
        var entries = Enumerable.Range(0, LargeCorpusSearch.MaxExactRows + 500)
            .Select(i => SampleKnowledge.Entry($"chair-{i}", $"How do I choose chair model {i}?", "Pick a chair with good lumbar support."))
            .ToList();
        entries.Add(SampleKnowledge.Entry("magnesium-question", "Does magnesium help night cramps?", "Ask your doctor first."));
        entries.Add(SampleKnowledge.Entry("magnesium-answer", "What helps cramps?", "Some people take magnesium before bed."));
        entries.Add(SampleKnowledge.Entry("night-only", "Why are cramps worse at night?", "Muscles cool down while you rest."));
        entries.Add(SampleKnowledge.Entry("cold-night", "Are night sweats and a cold linked?", "A cold can cause night sweats."));
        return entries;
    }

    [Fact]
    public void A_question_match_ranks_above_an_answer_match_and_common_words_fill_the_rest()
    {
        var hits = Index.Search("\"magnesium\" OR \"chair\"", 10);

        Assert.Equal(10, hits.Count);
        Assert.Equal("magnesium-question", Index.Entries[hits[0].EntryIndex].Id);
        Assert.Equal("magnesium-answer", Index.Entries[hits[1].EntryIndex].Id);
        Assert.All(hits, hit => Assert.True(hit.Bm25 > 0));
    }

    [Fact]
    public void A_phrase_counts_only_where_all_its_words_appear()
    {
        var ids = Index.Search("\"night cramps\" OR \"chair\"", 3).Select(hit => Index.Entries[hit.EntryIndex].Id).ToList();

        Assert.Contains("magnesium-question", ids);
        Assert.Contains("night-only", ids);
        Assert.DoesNotContain("cold-night", ids);
    }

    [Fact]
    public void A_question_only_query_ignores_answers()
    {
        var hits = Index.Search("{question alternates} : (\"magnesium\" OR \"chair\")", 3000);

        Assert.Contains(hits, hit => Index.Entries[hit.EntryIndex].Id == "magnesium-question");
        Assert.DoesNotContain(hits, hit => Index.Entries[hit.EntryIndex].Id == "magnesium-answer");
    }

    [Fact]
    public void Odd_user_text_analysed_for_a_large_corpus_is_searched_without_error()
    {
        var analyzer = SampleKnowledge.Analyzer(Index);

        foreach (var text in new[] { "chair \"model\" OR NOT (x)", "chair *^:-", "\U0001F62B chair", string.Join(' ', Enumerable.Repeat("chair", 5000)) })
        {
            var query = analyzer.Analyze(text);
            var error = Record.Exception(() => Index.Search(query.FtsQuery, 50));
            Assert.Null(error);
        }
    }
}

/// <summary>The index counts its vocabulary itself; the counts must be those of FTS5's own tokenizer.</summary>
public sealed class IndexVocabularyTests(CorpusFixture corpus) : IClassFixture<CorpusFixture>
{
    [Fact]
    public void Vocabulary_counts_the_words_fts5_finds_in_each_entry()
    {
        var entries = corpus.Entries.Concat(
            [SampleKnowledge.Entry("accents", "Does café crème or naïve Ærø help?", "Über-strong coffee, 2nd cup, ½ dose, e-mail, don't.")]).ToList();
        using var index = FaqIndex.Build(entries);

        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using (var create = connection.CreateCommand())
        {
            create.CommandText = """
                CREATE VIRTUAL TABLE words USING fts5(text, tokenize = 'unicode61 remove_diacritics 2', detail = none);
                CREATE VIRTUAL TABLE words_vocab USING fts5vocab(words, row);
                """;
            create.ExecuteNonQuery();
        }
        foreach (var entry in entries)
        {
            using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO words(text) VALUES ($text)";
            insert.Parameters.AddWithValue("$text", TextAnalysis.Normalize(
                string.Join("\n", [entry.Question, .. entry.AlternateQuestions, entry.Answer, entry.Section])));
            insert.ExecuteNonQuery();
        }
        var expected = new Dictionary<string, int>(StringComparer.Ordinal);
        using (var read = connection.CreateCommand())
        {
            read.CommandText = "SELECT term, doc FROM words_vocab";
            using var reader = read.ExecuteReader();
            while (reader.Read())
            {
                expected[reader.GetString(0)] = reader.GetInt32(1);
            }
        }

        Assert.Equal(expected.OrderBy(kv => kv.Key, StringComparer.Ordinal), index.Vocabulary.OrderBy(kv => kv.Key, StringComparer.Ordinal));
    }
}
