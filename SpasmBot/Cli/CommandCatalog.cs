using System.CommandLine;

namespace SpasmBot.Cli;

/// <summary>Every capability's commands, in one list.</summary>
internal static class CommandCatalog
{
    public static IEnumerable<Command> Create(IServiceProvider services)
    {
        // Temporary root for the safety branch; at merge, attach SafetyEvalCommand under the knowledge `eval` command.
        yield return new Command("eval", "Quality reports on labelled sets.") { Safety.SafetyEvalCommand.Create(services) };
    }
}
