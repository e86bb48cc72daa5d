using SpasmBot.Channels;
using SpasmBot.Cli;
using SpasmBot.Conversation;
using SpasmBot.Knowledge;
using SpasmBot.Operators;
using SpasmBot.Protocol;
using SpasmBot.Safety;
using SpasmBot.Transcripts;

// One executable: with a command name first it is the command-line tool, otherwise the bot host.
var isCommand = CommandLineApp.IsCommand(args);
var app = BuildApp(isCommand ? [] : args, isCommand);
if (isCommand)
{
    return await CommandLineApp.RunAsync(app.Services, args);
}

app.UseDefaultFiles();
app.UseStaticFiles();
app.MapBotProtocol();
app.MapChannels();
app.MapOperators();
await app.RunAsync();
return 0;

static WebApplication BuildApp(string[] args, bool commandLine)
{
    var builder = WebApplication.CreateBuilder(args);
    if (commandLine)
    {
        // Commands print results on stdout; keep logs on stderr so `ask --json` stays parseable.
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
    }

    builder.Services.AddKnowledge(builder.Configuration);
    builder.Services.AddSafety(builder.Configuration);
    builder.Services.AddBotProtocol(builder.Configuration);
    builder.Services.AddConversation(builder.Configuration);
    builder.Services.AddChannels(builder.Configuration);
    builder.Services.AddTranscripts(builder.Configuration);
    builder.Services.AddOperators(builder.Configuration);
    return builder.Build();
}

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
