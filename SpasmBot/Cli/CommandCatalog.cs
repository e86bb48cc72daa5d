using System.CommandLine;

namespace SpasmBot.Cli;

/// <summary>Every capability's commands, in one list.</summary>
internal static class CommandCatalog
{
    public static IEnumerable<Command> Create(IServiceProvider services)
    {
        yield return Transcripts.TranscriptCommands.Create(services);
        yield return Operators.OperatorCommands.Create(services);
    }
}
