using SpasmBot.Knowledge;
using SpasmBot.Knowledge.Ingestion;

namespace SpasmBot.Tests.Knowledge;

public class IngestionTests(CorpusFixture corpus) : IClassFixture<CorpusFixture>
{
    public static TheoryData<string> Boilerplate() =>
    [
        "Share on Pinterest", "We include products", "our process", "Leave a Comment", "Related Post", "Read More",
        "P.O", "Thumbay", "7 Days a Week", "Kelly Irdas", "My name is", "Muscle Spasms Menu", "How this works",
        "available for purchase online", "contact us", "Home »", "In this article", "In this blog post", "What You Need to Know",
    ];

    [Theory]
    [MemberData(nameof(Boilerplate))]
    public void No_answer_or_question_carries_boilerplate(string boilerplate)
    {
        var hits = corpus.Entries.Where(e => (e.Question + "\n" + e.Answer).Contains(boilerplate, StringComparison.OrdinalIgnoreCase));
        Assert.Empty(hits.Select(e => e.Id));
    }

    [Fact]
    public void The_image_caption_under_share_on_pinterest_goes_with_it()
    {
        Assert.DoesNotContain(corpus.Entries, e => e.Answer.Contains("Woman holding her back") || e.Answer.Contains("A physician may recommend physical therapy as a treatment"));
        Assert.True(corpus.Result.Report.For("003_7b8a496c58c08ae9.txt").BoilerplateLines >= 4);
    }

    [Fact]
    public void Lines_broken_around_emphasis_are_rejoined_into_one_sentence()
    {
        var answer = corpus.Entry("What do back spasms feel like?").Answer;

        Assert.StartsWith("A back spasm can feel like a tightening, pulling or twitching of the muscles in your back. With some muscle spasms", answer);
        Assert.DoesNotContain("\n", answer);
        Assert.Equal("Back spasms can be the result of injuries to the muscles, tendons, and ligaments in the back, or they can be related to more serious medical conditions. Heavy lifting is a common cause of back spasms.",
            corpus.Entry("What is the main cause of back spasms?").Answer);
        Assert.Contains("place a heating pad in the area for 15-20 minutes to reduce pain.", corpus.Entry("Is heat good for back spasms?").Answer);
    }

    [Fact]
    public void List_answers_stay_lists_without_the_pages_ellipses()
    {
        var lines = corpus.Entry("How do I get rid of back spasms?").Answer.Split('\n');

        Assert.Equal(6, lines.Length);
        Assert.All(lines, l => Assert.StartsWith("- ", l));
        Assert.Equal("- Cold therapy.", lines[1]);
        Assert.DoesNotContain(lines, l => l.Contains('…'));
    }

    [Fact]
    public void Rejoin_glues_punctuation_and_lower_case_continuations_and_keeps_list_items()
    {
        var text = QaDocumentReader.Rejoin(["A spasm is a", "sudden tightening", ". It passes.", "- Rest. …", "- Heat."]);
        Assert.Equal("A spasm is a sudden tightening. It passes.\n- Rest.\n- Heat.", text);
    }

    [Fact]
    public void Tidy_capitalises_sentences_the_page_started_in_lower_case_but_not_abbreviations()
    {
        Assert.Equal("It strains the spine. Stress is another factor.", AnswerText.Tidy("It strains the spine. stress is another factor ."));
        Assert.Equal("Only twenty percent of U.S. adults exercise.", AnswerText.Tidy("Only twenty percent of U.S. adults exercise."));
    }

    [Fact]
    public void A_question_repeated_as_the_page_title_gives_one_entry()
    {
        Assert.Single(corpus.Entries, e => e.Question == "Why do I have spasms in my lower back?");
    }

    [Fact]
    public void A_subsection_under_causes_asks_whether_it_causes_the_articles_subject()
    {
        var entry = corpus.Entry("Can poor posture cause lower back spasms?");

        Assert.Equal("003_7b8a496c58c08ae9.txt", entry.SourceDocument);
        Assert.Equal("Causes > Poor posture", entry.Section);
        Assert.StartsWith("Poor posture, especially when sitting at a desk or in a car, can strain the back muscles.", entry.Answer);
        Assert.Equal("causes", entry.Topic);
        Assert.NotEmpty(entry.AlternateQuestions);
    }

    [Theory]
    [InlineData("How are lower back spasms diagnosed?", "A doctor will take a full medical history")]
    [InlineData("How do you treat lower back spasms?", "surgery")]
    [InlineData("What can I do at home for lower back spasms?", "Applying hot and cold packs alternately")]
    [InlineData("How can I prevent lower back spasms?", "150 minutes of moderate-intensity")]
    [InlineData("Can spinal stenosis cause lower back spasms?", "spinal canal to narrow")]
    [InlineData("How long do muscle spasms last?", "from a few seconds to 15 minutes")]
    public void Article_sections_answer_questions_derived_from_their_headings(string question, string expected)
    {
        var entry = corpus.Entry(question);
        Assert.Contains(expected, entry.Answer, StringComparison.OrdinalIgnoreCase);
        Assert.False(entry.IsTruncated);
    }

    [Fact]
    public void Long_sections_are_split_into_answer_sized_passages_with_their_own_questions()
    {
        var passages = corpus.Entries.Where(e => e.SourceDocument.StartsWith("00") && e.SourceDocument != CorpusOverrides.SourceName && e.Section.Length > 0).ToList();
        Assert.All(passages, e => Assert.DoesNotContain("continued", e.Question, StringComparison.OrdinalIgnoreCase));
        var duration = Assert.Single(corpus.Entries, e => e.Question == "How long do muscle spasms last?" && e.Section == "What Is a Muscle Spasm?");
        Assert.Contains("When will muscle spasms go away?", duration.AlternateQuestions);
        Assert.Contains(corpus.Entries, e => e.Question == "What is a muscle spasm?" && e.Section == "What Is a Muscle Spasm?");
    }

    [Fact]
    public void Duplicate_questions_merge_keeping_the_complete_answer_and_noting_the_other_source()
    {
        var matches = corpus.Entries.Where(e => e.Question.StartsWith("What causes muscle spasms on") && e.Question.Contains("left side")).ToList();

        var entry = Assert.Single(matches);
        Assert.Contains("pectoral spasms", entry.Answer);
        Assert.False(entry.IsTruncated);
        Assert.Contains(entry.FurtherSources, f => f.StartsWith("000_872ae754fd713ffa.txt"));
        Assert.Contains(corpus.Result.Report.Merged, m => m.KeptId == entry.Id);
    }

    [Fact]
    public void Merging_prefers_a_complete_answer_to_a_truncated_one_across_documents()
    {
        var result = new CorpusIngestor(corpus.Rules).Ingest(
        [
            new SourceDocument("100_a.txt", Qa("a", "How long do back spasms last?", "Most back spasms ease within a few days, but severe ones can take…")),
            new SourceDocument("101_b.txt", Qa("b", "How long do back spasms last ?", "Most back spasms last a few days. Severe cases can last six to eight weeks while they ease.")),
        ]);

        var entry = Assert.Single(result.Entries, e => e.Question.StartsWith("How long do back spasms last"));
        Assert.Equal("101_b.txt", entry.SourceDocument);
        Assert.False(entry.IsTruncated);
        Assert.Contains(entry.FurtherSources, f => f.StartsWith("100_a.txt"));
        Assert.Single(result.Report.Merged);
    }

    [Fact]
    public void Answers_cut_off_in_the_source_are_marked_truncated()
    {
        Assert.True(corpus.Entry("Can a muscle spasm be a sign of a problem?").IsTruncated);
        Assert.False(corpus.Entry("What do back spasms feel like?").IsTruncated);
        Assert.Equal(corpus.Entries.Count(e => e.IsTruncated), corpus.Result.Report.TruncatedEntries);
    }

    [Theory]
    [InlineData("It can take anywhere from…", true)]
    [InlineData("It can take a few days...", true)]
    [InlineData("It can be a sign of an inadequate blood supply getting to your limbs,", true)]
    [InlineData("It passes in a few days.", false)]
    [InlineData("Try these:\n- Rest\n- Heat", false)]
    public void Truncation_is_an_ellipsis_or_a_missing_sentence_end(string answer, bool truncated)
    {
        Assert.Equal(truncated, AnswerText.LooksTruncated(answer));
    }

    [Fact]
    public void Broken_fragments_and_forum_posts_are_dropped_and_counted()
    {
        Assert.DoesNotContain(corpus.Entries, e => e.Answer.Contains("gallbladder") || e.Answer.StartsWith("Thus,"));
        Assert.DoesNotContain(corpus.Entries, e => e.Answer.Contains("neuropathy or ms"));
        Assert.Contains(corpus.Result.Report.Fragments, f => f.Question == "Where are the spasms in the upper right quadrant?");
        Assert.Equal(corpus.Result.Report.Fragments.Count, corpus.Result.Report.Sources.Sum(s => s.FragmentsDropped));
    }

    [Fact]
    public void Every_entry_has_a_topic_from_the_vocabulary_and_a_unique_id()
    {
        Assert.All(corpus.Entries, e => Assert.Contains(e.Topic, corpus.Rules.Topics.Topics));
        Assert.Equal(corpus.Entries.Count, corpus.Entries.Select(e => e.Id).Distinct().Count());
        Assert.All(corpus.Entries, e => Assert.Matches("^[a-z0-9-]+$", e.Id));
    }

    [Fact]
    public void Ingesting_twice_gives_identical_output()
    {
        var again = new CorpusIngestor(CorpusRules.Load(corpus.Directory)).Ingest(SourceDocument.LoadAll(corpus.Directory));

        Assert.Equal(JsonLines(corpus.Entries), JsonLines(again.Entries));
    }

    [Fact]
    public void Ids_do_not_depend_on_which_other_documents_are_ingested_or_their_order()
    {
        var only001 = new CorpusIngestor(corpus.Rules).Ingest(corpus.Sources.Where(s => s.Name.StartsWith("001")).Reverse());
        var entry = corpus.Entry("Is walking good for back spasms?");

        Assert.Contains(only001.Entries, e => e.Id == entry.Id && e.Question == entry.Question);
    }

    [Fact]
    public void The_report_accounts_for_every_source()
    {
        var report = corpus.Result.Report;
        Assert.Equal(corpus.Sources.Select(s => s.Name), report.Sources.Select(s => s.Document));
        Assert.Equal(corpus.Entries.Count, report.Sources.Sum(s => s.Entries));
        Assert.All(report.Sources, s => Assert.True(s.Entries > 0, $"{s.Document} gave no entries."));
        Assert.True(report.RepairsApplied.Values.Sum() >= 100);

        var text = new StringWriter();
        CorpusCommands.WriteReport(new CorpusSnapshot(corpus.Entries, report, []), text);
        Assert.Contains("003_7b8a496c58c08ae9.txt", text.ToString());
        Assert.Contains("Duplicates merged:", text.ToString());
    }

    /// <summary>A small Q&A page: the question under test and four unrelated ones, so it reads as Q&A.</summary>
    private static string Qa(string tag, string question, string answer) =>
        $"{question}\n\n{answer}\n\n" + string.Concat(Enumerable.Range(1, 4).Select(i =>
            $"What is filler {tag}{i}?\n\nFiller {tag}{i} is a made-up topic used only by this test page.\n\n"));

    private static string JsonLines(IEnumerable<FaqEntry> entries)
    {
        var writer = new StringWriter();
        CorpusCommands.WriteJsonLines(entries, writer);
        return writer.ToString();
    }
}
