using System.CommandLine;
using SpasmBot.Knowledge;

namespace SpasmBot.Cli;

/// <summary>Every capability's commands, in one list.</summary>
internal static class CommandCatalog
{
    public static IEnumerable<Command> Create(IServiceProvider services)
    {
        yield return Conversation.AskCommand.Create(services);
        yield return CorpusCommands.CreateCorpus(services);
        yield return CorpusCommands.CreateIngest(services);
        yield return IndexCommand.Create(services);
        var eval = EvalCommand.Create(services);
        eval.Subcommands.Add(Safety.SafetyEvalCommand.Create(services));
        yield return eval;
        yield return Channels.TeamsPackageCommand.Create(services);
        yield return Transcripts.TranscriptCommands.Create(services);
        yield return Operators.OperatorCommands.Create(services);
    }
}
