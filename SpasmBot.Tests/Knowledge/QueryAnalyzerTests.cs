using FsCheck;
using FsCheck.Fluent;
using SpasmBot.Knowledge;

namespace SpasmBot.Tests.Knowledge;

public sealed class QueryAnalyzerTests : IDisposable
{
    private readonly FaqIndex _index = FaqIndex.Build(SampleKnowledge.Entries());
    private readonly QueryAnalyzer _analyzer;

    public QueryAnalyzerTests() => _analyzer = SampleKnowledge.Analyzer(_index);

    public void Dispose() => _index.Dispose();

    [Fact]
    public void Every_term_is_quoted_and_joined_with_or()
    {
        var query = _analyzer.Analyze("Heat OR ice NOT stress*");

        // "or" is a stop word; "NOT" becomes a quoted word, never an operator; "*" is dropped.
        Assert.Equal("(\"heat\" OR \"heating pad\" OR \"hot pack\") OR (\"ice\" OR \"cold pack\" OR \"ice pack\") OR \"not\" OR \"stress\"", query.FtsQuery);
    }

    [Fact]
    public void Misspelt_words_are_corrected_against_the_index_vocabulary()
    {
        var query = _analyzer.Analyze("sleeeping with back spasms");

        Assert.Contains(query.Groups, g => g.Variants.Any(v => v.SequenceEqual(["sleeping"])));
    }

    [Fact]
    public void Unknown_words_too_far_from_any_indexed_word_are_kept_as_typed()
    {
        var query = _analyzer.Analyze("weather forecast");

        Assert.Equal(["weather", "forecast"], query.Groups.Select(g => g.Surface));
    }

    [Fact]
    public void Synonym_phrases_expand_to_their_whole_group()
    {
        var query = _analyzer.Analyze("lumbar spasm");

        var group = Assert.Single(query.Groups, g => g.Variants.Count > 1);
        Assert.Contains(group.Variants, v => v.SequenceEqual(["lower", "back"]));
        Assert.Contains("\"lower back\"", query.FtsQuery);
    }

    [Fact]
    public void Stop_words_alone_make_an_empty_query()
    {
        Assert.True(_analyzer.Analyze("what is it that I should do?").IsEmpty);
        Assert.True(_analyzer.Analyze("").IsEmpty);
        Assert.True(_analyzer.Analyze("   \u200B  ").IsEmpty);
    }

    [Fact]
    public void Long_messages_are_cut_to_their_first_part()
    {
        var text = "neck " + string.Join(' ', Enumerable.Range(0, 5000).Select(i => "word" + i));

        var query = _analyzer.Analyze(text);

        Assert.Contains(query.Groups, g => g.Surface == "neck");
        Assert.True(query.Groups.Count <= 60);
    }

    [Fact]
    public void Curly_quotes_zero_width_characters_and_emoji_are_normalised_away()
    {
        var query = _analyzer.Analyze("\u201Cne\u200Bck\u201D \U0001F62B sp\u00E4sms\u2019");

        Assert.Equal(["neck", "spasms"], query.Groups.Select(g => g.Surface));
    }

    [Theory]
    [InlineData("\"")]
    [InlineData("\"\"\"unbalanced")]
    [InlineData("back*")]
    [InlineData("*")]
    [InlineData("^heat")]
    [InlineData("question: answer:")]
    [InlineData("-heat -ice")]
    [InlineData("(heat OR (ice")]
    [InlineData("heat NEAR ice")]
    [InlineData("NEAR(heat ice, 2)")]
    [InlineData("AND OR NOT")]
    [InlineData("heat AND NOT ice")]
    [InlineData("{question answer}: heat")]
    [InlineData("'; DROP TABLE faq; --")]
    [InlineData("1' OR '1'='1")]
    [InlineData("\U0001F62B\U0001F525\U0001F9CA")]
    [InlineData("\0\u0001\u001b[31m")]
    [InlineData("back\u0000spasm")]
    [InlineData("+ heat + ice")]
    [InlineData("heat:*")]
    public void Search_syntax_in_a_question_never_reaches_fts5(string text)
    {
        var query = _analyzer.Analyze(text);

        var exception = Record.Exception(() => _index.Search(query.FtsQuery, 10));

        Assert.Null(exception);
    }

    [Fact]
    public void A_ten_thousand_character_message_is_searched_without_error()
    {
        var text = string.Concat(Enumerable.Repeat("my back \"spasms\" (NEAR) * ^ - : ", 350))[..10_000];

        var hits = _index.Search(_analyzer.Analyze(text).FtsQuery, 10);

        Assert.NotEmpty(hits);
    }

    [Fact]
    public void Arbitrary_strings_never_throw()
    {
        var property = Prop.ForAll(ArbMap.Default.ArbFor<string>(), text =>
        {
            var query = _analyzer.Analyze(text);
            _index.Search(query.FtsQuery, 5);
            return true;
        });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(500), property);
    }
}
