using SpasmBot.Knowledge;

namespace SpasmBot.Tests.Knowledge;

public class SynonymTableTests
{
    [Fact]
    public void Parse_reads_groups_phrases_and_skips_comments()
    {
        var table = new SynonymTable(SynonymTable.Parse(
        [
            "# comment line",
            "Lumbar | lower back |  low back   # trailing comment",
            "",
            "lonely",
            "ER | A&E | emergency room",
        ]));

        Assert.Equal(2, table.Groups.Count);
        Assert.Equal(["lower back", "low back"], table.SynonymsOf("LUMBAR"));
        Assert.Equal(["lumbar", "low back"], table.SynonymsOf("lower  back"));
        Assert.Contains("a&e", table.SynonymsOf("er"));
        Assert.Empty(table.SynonymsOf("lonely"));
        Assert.Empty(table.SynonymsOf("unknown"));
    }

    [Fact]
    public void A_term_in_two_groups_gets_both_groups()
    {
        var table = new SynonymTable(SynonymTable.Parse(["stretch | yoga", "stretch | stretching"]));
        Assert.Equal(["yoga", "stretching"], table.SynonymsOf("stretch"));
    }

    [Theory]
    [InlineData("lumbar", "lower back")]
    [InlineData("charley horse", "spasm")]
    [InlineData("advil", "ibuprofen")]
    [InlineData("paracetamol", "acetaminophen")]
    [InlineData("physio", "physical therapy")]
    [InlineData("a&e", "emergency room")]
    [InlineData("gp", "doctor")]
    [InlineData("frozen peas", "ice")]
    [InlineData("slipped disc", "herniated disc")]
    [InlineData("sciatica", "leg pain")]
    public void The_corpus_synonyms_link_lay_and_clinical_words(string lay, string clinical)
    {
        var table = SynonymTable.Load(Path.Combine(CorpusLocator.Resolve("corpus"), "synonyms.txt"));
        Assert.Contains(clinical, table.SynonymsOf(lay));
    }
}
