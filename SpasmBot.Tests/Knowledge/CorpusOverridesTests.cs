using SpasmBot.Knowledge;

namespace SpasmBot.Tests.Knowledge;

public sealed class CorpusOverridesTests : IDisposable
{
    private readonly string _corpus = CorpusFixture.CopyToTemp();

    public void Dispose() => Directory.Delete(_corpus, recursive: true);

    private string OverridesPath => Path.Combine(_corpus, "overrides.yaml");

    [Fact]
    public void Editors_add_entries_alternates_corrections_and_removals_without_code()
    {
        File.WriteAllText(OverridesPath, "# nothing yet\n");
        var before = new KnowledgeCorpus(_corpus).Load().Entries;
        var walking = before.Single(e => e.Question == "Is walking good for back spasms?");
        var neck = before.Single(e => e.Question == "What happens when you have muscle spasms in your neck?");
        var sleep = before.Single(e => e.Question == "How should I sleep with back spasms?");
        File.WriteAllText(OverridesPath, $"""
            entries:
              - question: Can I drive with a back spasm?
                alternates: [is it ok to drive with back spasms]
                answer: Wait until you can turn and brake without sudden pain.
                topic: home-care
                source: editor
            alternates:
              - faqId: {walking.Id}
                questions: [should i go for a walk with a bad back]
            corrections:
              - faqId: {sleep.Id}
                question: What is the best sleeping position for back spasms?
            remove: [{neck.Id}]
            """);

        var after = new KnowledgeCorpus(_corpus).Load();

        var added = Assert.Single(after.Entries, e => e.Question == "Can I drive with a back spasm?");
        Assert.Equal(CorpusOverrides.SourceName, added.SourceDocument);
        Assert.StartsWith("custom-", added.Id);
        Assert.Equal("home-care", added.Topic);
        Assert.Equal(["editor"], added.FurtherSources);
        Assert.Contains("should i go for a walk with a bad back", after.Entries.Single(e => e.Id == walking.Id).AlternateQuestions);
        var corrected = after.Entries.Single(e => e.Id == sleep.Id);
        Assert.Equal("What is the best sleeping position for back spasms?", corrected.Question);
        Assert.Contains("How should I sleep with back spasms?", corrected.AlternateQuestions);
        Assert.Equal(sleep.Answer, corrected.Answer);
        Assert.DoesNotContain(after.Entries, e => e.Id == neck.Id);
        Assert.Empty(after.OverrideProblems);
        Assert.Equal(before.Count, after.Entries.Count);
    }

    [Fact]
    public void An_unknown_id_is_reported_and_everything_else_still_applies()
    {
        File.WriteAllText(OverridesPath, """
            alternates:
              - faqId: no-such-entry
                questions: [hello]
            remove: [also-missing]
            entries:
              - question: Is swimming good for back spasms?
                answer: Swimming is a low-impact exercise that many people with back pain find gentle.
            """);

        var result = new KnowledgeCorpus(_corpus).Load();

        Assert.Equal(2, result.OverrideProblems.Count);
        Assert.Contains(result.OverrideProblems, p => p.Contains("no-such-entry"));
        Assert.Contains(result.Entries, e => e.Question == "Is swimming good for back spasms?" && e.Topic.Length > 0);
    }

    [Fact]
    public void Broken_yaml_is_a_clear_error_naming_the_file()
    {
        File.WriteAllText(OverridesPath, "entries:\n  - question: [unclosed\n");
        var error = Assert.Throws<FormatException>(() => new KnowledgeCorpus(_corpus).Load());
        Assert.Contains("overrides.yaml", error.Message);
    }

    [Fact]
    public void Adding_to_a_broken_file_fails_clearly_and_leaves_it_untouched()
    {
        const string broken = "alternates:\n  - faqId: x\n    questions: [unclosed\n";
        File.WriteAllText(OverridesPath, broken);
        var overrides = new CorpusOverrides(OverridesPath);

        Assert.Throws<FormatException>(() => overrides.AddAlternate("x", "a question"));
        Assert.Equal(broken, File.ReadAllText(OverridesPath));
    }

    [Fact]
    public void AddAlternate_round_trips_through_the_file_and_keeps_its_comments()
    {
        var corpus = new KnowledgeCorpus(_corpus);
        var heat = corpus.Load().Entries.Single(e => e.Question == "Is heat good for back spasms?");
        var header = File.ReadLines(OverridesPath).First();

        corpus.Overrides.AddAlternate(heat.Id, "heat or ice??");
        corpus.Overrides.AddAlternate(heat.Id, "heat or ice??");
        corpus.Overrides.AddAlternate(heat.Id, "hot water bottle on my back");

        var reloaded = new KnowledgeCorpus(_corpus).Load().Entries.Single(e => e.Id == heat.Id);
        Assert.Equal(1, reloaded.AlternateQuestions.Count(a => a == "heat or ice??"));
        Assert.Contains("hot water bottle on my back", reloaded.AlternateQuestions);
        Assert.Equal(header, File.ReadLines(OverridesPath).First());
        Assert.Empty(Directory.GetFiles(_corpus, "*.tmp"));
    }

    [Fact]
    public void AddEntry_saves_a_new_entry_with_a_stable_id()
    {
        var corpus = new KnowledgeCorpus(_corpus);

        var id = corpus.Overrides.AddEntry("Can I go to work with back spasms?", "Many people can keep working with gentle movement and breaks.", "home-care");

        var entry = new KnowledgeCorpus(_corpus).Load().Entries.Single(e => e.Id == id);
        Assert.Equal("Can I go to work with back spasms?", entry.Question);
        Assert.Equal("home-care", entry.Topic);
        Assert.Equal(CorpusOverrides.IdFor(new OverrideEntry { Question = "Can I go to work with back spasms?" }), id);
        Assert.Throws<InvalidOperationException>(() => corpus.Overrides.AddEntry("Can I go to work with back spasms?", "again", ""));
        Assert.Throws<ArgumentException>(() => corpus.Overrides.AddEntry(" ", "answer", ""));
    }
}
