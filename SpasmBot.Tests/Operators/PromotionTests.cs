using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SpasmBot.Operators;
using SpasmBot.Transcripts;

namespace SpasmBot.Tests.Operators;

/// <summary>The unanswered queue end to end: a visitor's question the bot cannot answer is promoted in the console and then answered.</summary>
public class PromotionTests : IAsyncLifetime
{
    private readonly ConsoleFactory _factory = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private const string Question = "Is it safe to play the bagpipes with a back spasm?";

    [Fact]
    public async Task A_drafted_entry_is_saved_to_the_overrides_and_the_bot_answers_it_without_a_restart()
    {
        var bot = _factory.CreateClient();
        var before = await _factory.AskBotAsync(bot, "visitor-a", Question);
        await ConsoleFactory.EventuallyAsync(async () =>
            (await _factory.Store.ListAsync(new ConversationFilter { Outcome = Outcomes.Unanswered }, null, 10)).Items.FirstOrDefault());

        var editor = await _factory.SignedInAsync("eddie", OperatorRoles.Editor);
        Assert.Contains(Question, await editor.GetStringAsync("/operators/unanswered"));
        const string answer = "Wind instruments need steady breathing and posture; wait until the spasm settles and stop if pain grows.";
        var saved = await ConsoleFactory.PostFormAsync(editor, "/operators/unanswered", "/operators/unanswered/draft",
            new() { ["question"] = Question, ["answer"] = answer, ["topic"] = "" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        Assert.Contains("bagpipes", await File.ReadAllTextAsync(Path.Combine(_factory.CorpusDirectory, "overrides.yaml")));
        Assert.DoesNotContain(before, t => t.Contains("Wind instruments"));
        var after = await _factory.AskBotAsync(bot, "visitor-b", Question);
        Assert.Contains(after, t => t.Contains("Wind instruments need steady breathing"));
        Assert.Contains("now answered by", await editor.GetStringAsync("/operators/unanswered"));
        Assert.Contains(await _factory.Store.ListAuditAsync(null, 20), a => a is { Actor: "eddie", Action: "add-entry" });
    }

    [Fact]
    public async Task A_question_attached_to_an_existing_entry_is_answered_with_that_entry()
    {
        var knowledge = _factory.Services.GetRequiredService<SpasmBot.Knowledge.IKnowledgeBase>();
        var target = knowledge.Entries.First(e => e.Question.Contains("heat", StringComparison.OrdinalIgnoreCase) || e.Question.Contains("ice", StringComparison.OrdinalIgnoreCase));
        const string wording = "does a hot water bottle or frozen peas work better for my back";
        var bot = _factory.CreateClient();
        await _factory.AskBotAsync(bot, "visitor-a", wording);

        var editor = await _factory.SignedInAsync("eddie", OperatorRoles.Editor);
        var saved = await ConsoleFactory.PostFormAsync(editor, "/operators/unanswered", "/operators/unanswered/attach",
            new() { ["question"] = wording, ["faqId"] = target.Id });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(target.Id, knowledge.Ask(wording).Best?.Entry.Id);

        var unknown = await ConsoleFactory.PostFormAsync(editor, "/operators/unanswered", "/operators/unanswered/attach",
            new() { ["question"] = wording, ["faqId"] = "no-such-entry" });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
    }
}
