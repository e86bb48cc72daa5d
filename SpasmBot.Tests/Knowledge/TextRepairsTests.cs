using System.Text.RegularExpressions;
using SpasmBot.Knowledge;

namespace SpasmBot.Tests.Knowledge;

public class TextRepairsTests(CorpusFixture corpus) : IClassFixture<CorpusFixture>
{
    public static TheoryData<string, string, string, string> Rules()
    {
        var data = new TheoryData<string, string, string, string>();
        foreach (var rule in TextRepairs.Load(Path.Combine(CorpusLocator.Resolve("corpus"), "repairs.tsv")).Rules)
        {
            data.Add(rule.Scope, rule.Spun, rule.Repair, rule.Sample);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Rules))]
    public void Each_repair_fixes_its_sample_sentence(string scope, string spun, string repair, string sample)
    {
        Assert.False(string.IsNullOrWhiteSpace(sample), $"The rule '{spun}' has no sample sentence in repairs.tsv.");
        Assert.Matches(WholeWords(spun), sample);

        var repaired = corpus.Rules.Repairs.Apply(DocumentFor(scope), sample);

        Assert.DoesNotMatch(WholeWords(spun), repaired);
        Assert.Contains(repair, repaired, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [MemberData(nameof(Rules))]
    public void Each_repair_is_used_and_its_spun_text_is_gone_from_the_repaired_document(string scope, string spun, string repair, string sample)
    {
        _ = sample;
        var document = DocumentFor(scope);
        var original = corpus.Sources.Single(s => s.Name == document).Text;
        var counts = new Dictionary<string, int>();

        var repaired = corpus.Rules.Repairs.Apply(document, original, counts);

        Assert.True(counts.GetValueOrDefault($"{scope}: {spun} -> {repair}") > 0, $"'{spun}' never occurs in {document}: a dead rule.");
        Assert.DoesNotMatch(WholeWords(spun), repaired);
    }

    [Fact]
    public void Repairs_keep_the_capital_of_a_sentence_start()
    {
        var repaired = corpus.Rules.Repairs.Apply("003_x.txt", "Information technology is common. Hither's our process.");
        Assert.Equal("It is common. Here's our process.", repaired);
    }

    [Fact]
    public void Repairs_touch_whole_words_only_and_only_their_own_document()
    {
        const string text = "Radiculopathy can cause tingling and the tin cans are on the shelf.";
        Assert.Contains("tingling", corpus.Rules.Repairs.Apply("003_x.txt", text));
        Assert.Equal("Radiculopathy can cause tingling and the can cans are on the shelf.", corpus.Rules.Repairs.Apply("003_x.txt", text));
        Assert.Equal(text, corpus.Rules.Repairs.Apply("001_x.txt", text));
    }

    [Fact]
    public void The_longer_phrase_wins_over_the_word_inside_it()
    {
        Assert.Equal("Arthritis can cause lower back pain.", corpus.Rules.Repairs.Apply("003_x.txt", "Arthritis tin can crusade lower dorsum hurting."));
    }

    [Fact]
    public void A_line_without_the_columns_is_a_clear_error()
    {
        var error = Assert.Throws<FormatException>(() => TextRepairs.Parse(["003\tonly-two-columns"]).ToList());
        Assert.Contains("line 1", error.Message);
    }

    [Fact]
    public void The_repaired_document_003_reads_as_plain_english()
    {
        var entry = corpus.Entry("Can spondylolisthesis cause lower back spasms?");
        Assert.Contains("A crack or stress fracture in one of the bones of the spine can cause spondylolisthesis.", entry.Answer);
        Assert.Contains("the shifting spine will lead to weakness", entry.Answer);
        Assert.Contains("young athletes", entry.Answer);
    }

    private string DocumentFor(string scope) =>
        scope == "*" ? corpus.Sources[0].Name : corpus.Sources.Single(s => s.Name.StartsWith(scope, StringComparison.Ordinal)).Name;

    private static Regex WholeWords(string phrase) =>
        new(@"(?<![\p{L}\p{N}])" + string.Join(@"\s+", phrase.Split(' ').Select(Regex.Escape)) + @"(?![\p{L}\p{N}])", RegexOptions.IgnoreCase);
}
