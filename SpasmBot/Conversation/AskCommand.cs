using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization;
using SpasmBot.Safety;

namespace SpasmBot.Conversation;

/// <summary>
/// <c>ask</c>: one stateless turn per question through exactly the engine the bot uses, safety check
/// included. Questions come from the arguments, or one per line from standard input.
/// </summary>
public static class AskCommand
{
    private static readonly JsonSerializerOptions Json = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static Command Create(IServiceProvider services)
    {
        var questions = new Argument<string[]>("question") { Description = "The question(s); read from standard input, one per line, when absent.", Arity = ArgumentArity.ZeroOrMore };
        var json = new Option<bool>("--json") { Description = "Print one JSON object per line per question." };
        var command = new Command("ask", "Ask SpasmBot one or more questions, statelessly.") { questions, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var engine = services.GetRequiredService<TurnEngine>();
            var safetyReplies = services.GetRequiredService<SafetyReplies>();
            var checklist = services.GetRequiredService<TriageChecklist>();
            var sources = services.GetRequiredService<SourceTitles>();
            string? AnswerText(TurnOutcome outcome) => outcome.Route switch
            {
                Routes.Emergency or Routes.Crisis or Routes.Urgent => safetyReplies.For(outcome.Safety.Tier)?.Text,
                Routes.Triage when outcome.ChecklistQuestion is { } i => $"{checklist.For().Intro} {checklist.Questions()[i].Text}",
                _ => outcome.Entry?.Answer ?? outcome.Text,
            };
            var asJson = parse.GetValue(json);
            var stdout = Console.Out;
            foreach (var question in Questions(parse.GetValue(questions) ?? []))
            {
                var outcome = engine.Decide(new UserTurn(question), new ConversationState());
                if (asJson)
                {
                    await stdout.WriteLineAsync(JsonSerializer.Serialize(ToRecord(question, outcome, AnswerText(outcome), sources), Json));
                }
                else
                {
                    await stdout.WriteLineAsync($"> {question}\n[{outcome.Route}] {AnswerText(outcome)}\n");
                }
            }
            return 0;
        });
        return command;
    }

    private static IEnumerable<string> Questions(string[] args)
    {
        if (args.Length > 0)
        {
            foreach (var arg in args)
            {
                yield return arg;
            }
            yield break;
        }
        string? line;
        while ((line = Console.In.ReadLine()) is not null)
        {
            if (line.Trim().Length > 0)
            {
                yield return line;
            }
        }
    }

    private static AskRecord ToRecord(string question, TurnOutcome outcome, string? answer, SourceTitles sources) => new(
        question,
        outcome.Route,
        outcome.Decision.FaqId,
        outcome.Decision.Score,
        answer,
        outcome.Entry is { } e ? sources.Citation(e)["Source: ".Length..] : null,
        outcome.Decision.Alternatives);

    private sealed record AskRecord(
        [property: JsonPropertyName("question")] string Question,
        [property: JsonPropertyName("route")] string Route,
        [property: JsonPropertyName("faqId")] string? FaqId,
        [property: JsonPropertyName("score")] double? Score,
        [property: JsonPropertyName("answer")] string? Answer,
        [property: JsonPropertyName("source")] string? Source,
        [property: JsonPropertyName("alternatives")] IReadOnlyList<DecisionAlternative> Alternatives);
}
