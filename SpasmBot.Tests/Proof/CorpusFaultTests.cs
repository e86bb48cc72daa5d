using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SpasmBot.Knowledge;
using SpasmBot.Tests.Operators;

namespace SpasmBot.Tests.Proof;

/// <summary>
/// A corrupt or missing corpus file, on the real host with a private copy of corpus/: at start-up the bot refuses to
/// start and names the problem; on a live rebuild it keeps answering from the last good index.
/// </summary>
[Trait("Category", "Proof")]
[Trait("Proof", "Faults")]
public sealed class CorpusFaultTests
{
    private const string Question = "how do I sleep with a back spasm";

    public static TheoryData<string, string> StartupFaults() => new()
    {
        { "corpus folder missing", "corpus" },
        { "every source file missing", "no source documents" },
        { "overrides.yaml is not YAML", "overrides.yaml" },
        { "red-flags.yaml is not YAML", "red-flags.yaml" },
        { "chitchat.yaml is missing", "chitchat.yaml" },
        { "chitchat.yaml is not YAML", "chitchat.yaml" },
    };

    [Theory]
    [MemberData(nameof(StartupFaults))]
    public async Task At_start_up_a_broken_corpus_stops_the_bot_with_a_clear_message(string fault, string named)
    {
        // The real executable, as an operator would start it, on a private broken copy of corpus/.
        await using var console = new ConsoleFactory();
        Break(console.CorpusDirectory, fault);
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = console.DataDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList = { typeof(Program).Assembly.Location, "--urls", "http://127.0.0.1:0" },
            Environment =
            {
                ["Knowledge__CorpusPath"] = console.CorpusDirectory,
                ["Safety__DataDirectory"] = Path.Combine(console.CorpusDirectory, "safety"),
                ["Transcripts__DataDirectory"] = Path.Combine(console.DataDirectory, "data"),
                ["MicrosoftAppId"] = "",
            },
        };
        using var bot = Process.Start(start)!;
        var output = bot.StandardOutput.ReadToEndAsync();
        var errors = bot.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await bot.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            bot.Kill(entireProcessTree: true);
            Assert.Fail($"the bot kept running with a broken corpus ({fault})");
        }

        Assert.NotEqual(0, bot.ExitCode);
        Assert.Contains(named, await output + await errors, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("overrides.yaml is not YAML")]
    [InlineData("every source file missing")]
    [InlineData("corpus folder missing")]
    public async Task A_live_rebuild_from_a_broken_corpus_keeps_the_last_good_index(string fault)
    {
        await using var factory = new ConsoleFactory();
        var client = factory.Client();
        var before = await AskAsync(factory, client);
        Assert.NotEmpty(before);

        Break(factory.CorpusDirectory, fault);
        var knowledge = factory.Services.GetRequiredService<KnowledgeBase>();
        var error = await Assert.ThrowsAnyAsync<Exception>(() => knowledge.RebuildAsync());

        Assert.False(string.IsNullOrWhiteSpace(error.Message));
        Assert.Equal(before, await AskAsync(factory, client));
    }

    [Fact]
    public async Task A_promotion_into_a_broken_overrides_file_is_refused_and_the_bot_keeps_answering()
    {
        await using var factory = new ConsoleFactory();
        using var editor = await factory.SignedInAsync("editor", "editor");
        var client = factory.Client();
        var before = await AskAsync(factory, client);

        Break(factory.CorpusDirectory, "overrides.yaml is not YAML");
        var response = await ConsoleFactory.PostFormAsync(editor, "/operators/unanswered", "/operators/unanswered/draft",
            new() { ["question"] = "can a back spasm make my toes tingle", ["answer"] = "A test answer.", ["topic"] = "" });

        Assert.NotEqual(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal(before, await AskAsync(factory, client));
    }

    private static async Task<List<string>> AskAsync(ConsoleFactory factory, HttpClient client) =>
        await factory.AskBotAsync(client, "corpus-" + Guid.NewGuid().ToString("N"), Question);

    private static void Break(string corpus, string fault)
    {
        switch (fault)
        {
            case "corpus folder missing":
                Directory.Delete(corpus, recursive: true);
                break;
            case "every source file missing":
                foreach (var file in Directory.GetFiles(Path.Combine(corpus, "sources")))
                {
                    File.Delete(file);
                }
                break;
            case "overrides.yaml is not YAML":
                File.WriteAllText(Path.Combine(corpus, "overrides.yaml"), "entries:\n  - question: [unclosed\n    answer: {{{\n\t- broken");
                break;
            case "red-flags.yaml is not YAML":
                File.WriteAllText(Path.Combine(corpus, "safety", "red-flags.yaml"), "flags: [\n  { id: x, phrases: \"unterminated\n");
                break;
            case "chitchat.yaml is not YAML":
                File.WriteAllText(Path.Combine(corpus, "conversation", "chitchat.yaml"), "intents: [\n  - name: \"unterminated\n\t{{{");
                break;
            case "chitchat.yaml is missing":
                File.Delete(Path.Combine(corpus, "conversation", "chitchat.yaml"));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(fault));
        }
    }
}
