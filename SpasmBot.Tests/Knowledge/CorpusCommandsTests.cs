using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SpasmBot.Knowledge;

namespace SpasmBot.Tests.Knowledge;

public class CorpusCommandsTests
{
    [Fact]
    public async Task Ingest_writes_the_same_json_lines_on_every_run()
    {
        var first = Path.GetTempFileName();
        var second = Path.GetTempFileName();
        try
        {
            Assert.Equal(0, await Run("ingest", "--out", first));
            Assert.Equal(0, await Run("ingest", "--out", second));

            var lines = File.ReadAllLines(first);
            Assert.Equal(lines, File.ReadAllLines(second));
            Assert.True(lines.Length > 50);
            var entry = JsonSerializer.Deserialize<FaqEntry>(lines[0], CorpusCommands.JsonLines)!;
            Assert.False(string.IsNullOrWhiteSpace(entry.Id));
            Assert.False(string.IsNullOrWhiteSpace(entry.Answer));
            Assert.Contains(lines, l => l.Contains("\"sourceDocument\":\"overrides\""));
        }
        finally
        {
            File.Delete(first);
            File.Delete(second);
        }
    }

    [Fact]
    public void The_shipped_overrides_apply_cleanly_to_the_shipped_sources()
    {
        var snapshot = new KnowledgeCorpus(CorpusLocator.Resolve("corpus")).Load();

        Assert.Empty(snapshot.OverrideProblems);
        var heatOrIce = Assert.Single(snapshot.Entries, e => e.Question == "Should I use heat or ice for a back spasm?");
        Assert.NotEmpty(heatOrIce.FurtherSources);
        // The editors' correction removes the source's unsafe "Hyperventilation" remedy.
        Assert.DoesNotContain(snapshot.Entries, e => e.Answer.Contains("Hyperventilation", StringComparison.OrdinalIgnoreCase));
    }

    private static async Task<int> Run(params string[] args)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Knowledge:CorpusPath"] = "corpus" })
            .Build();
        using var services = new ServiceCollection().AddKnowledge(configuration).BuildServiceProvider();
        var root = new RootCommand();
        root.Subcommands.Add(CorpusCommands.CreateIngest(services));
        root.Subcommands.Add(CorpusCommands.CreateCorpus(services));
        return await root.Parse(args).InvokeAsync();
    }
}
