using System.CommandLine;

namespace SpasmBot.Cli;

/// <summary>
/// The command-line face of the same executable. Each capability contributes its commands, which run
/// against the same services the bot host uses.
/// </summary>
public static class CommandLineApp
{
    private static readonly HashSet<string> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        "ask", "index", "ingest", "corpus", "eval", "transcripts", "operators", "teams",
    };

    public static bool IsCommand(string[] args) => args.Length > 0 && Names.Contains(args[0]);

    public static async Task<int> RunAsync(IServiceProvider services, string[] args)
    {
        var root = new RootCommand("SpasmBot: a back-spasm FAQ bot. Without a command it runs the bot host.");
        foreach (var command in CommandCatalog.Create(services))
        {
            root.Subcommands.Add(command);
        }
        return await root.Parse(args).InvokeAsync();
    }
}
