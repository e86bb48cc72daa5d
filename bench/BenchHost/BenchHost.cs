using SpasmBot.Protocol;

namespace Bench;

/// <summary>
/// Two reference servers for bench/run.sh:
///   bare  - a bare ASP.NET Core endpoint that returns one fixed expectReplies body (the ceiling);
///   echo  - SpasmBot's own protocol host (AddBotProtocol/MapBotProtocol: body limits, parsing, turn runner,
///           expectReplies buffer) around a trivial bot, to separate protocol cost from conversation cost.
/// </summary>
public static class BenchHost
{
    private const string FixedReply = """{"activities":[{"type":"message","text":"Back spasms usually ease within a few days.","from":{"id":"bot","role":"bot"},"conversation":{"id":"c"}}]}""";

    public static async Task Main(string[] args)
    {
        var mode = args.FirstOrDefault() ?? "bare";
        var builder = WebApplication.CreateSlimBuilder(args.Skip(1).ToArray());
        builder.Logging.SetMinimumLevel(LogLevel.Warning);

        if (mode == "echo")
        {
            builder.Services.AddBotProtocol(builder.Configuration);
            builder.Services.AddSingleton<IBot, EchoBot>();
        }

        var app = builder.Build();
        if (mode == "echo")
        {
            app.MapBotProtocol();
        }
        else
        {
            app.MapPost("/api/messages", () => Results.Text(FixedReply, "application/json"));
        }
        await app.RunAsync();
    }

    /// <summary>One message and one decision trace per user message, the shape of SpasmBot's replies.</summary>
    private sealed class EchoBot : ActivityHandler
    {
        protected override async Task OnMessageActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken)
        {
            await turnContext.SendActivityAsync(new Activity { Type = ActivityTypes.Message, Text = "You said: " + turnContext.Activity.Text }, cancellationToken);
            await turnContext.SendActivityAsync(turnContext.Activity.CreateTrace("SpasmBot.Decision", new { route = "answer" }, "https://spasmbot/decision"), cancellationToken);
        }
    }
}
