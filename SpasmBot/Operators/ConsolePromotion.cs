using SpasmBot.Knowledge;
using SpasmBot.Transcripts;
using static SpasmBot.Operators.ConsoleHtml;

namespace SpasmBot.Operators;

/// <summary>
/// Unanswered-queue actions: attach a visitor's question to an existing FAQ entry as another wording, or draft a
/// new entry. Both are saved to corpus/overrides.yaml and the index is rebuilt at once, without a restart.
/// </summary>
public static class ConsolePromotion
{
    public static void Map(RouteGroupBuilder editor, Func<RouteGroupBuilder, string, Delegate, RouteHandlerBuilder> post)
    {
        post(editor, "/unanswered/attach", Attach);
        post(editor, "/unanswered/draft", Draft);
    }

    public static async Task<IResult> Attach(HttpContext http, KnowledgeCorpus corpus, IKnowledgeBase knowledge, ITranscriptStore store)
    {
        var form = await http.Request.ReadFormAsync();
        var question = form["question"].ToString().Trim();
        var faqId = form["faqId"].ToString().Trim();
        if (knowledge.Find(faqId) is null)
        {
            return Problem(http, $"There is no FAQ entry with the id \"{faqId}\". Pick one from the list.");
        }
        try
        {
            corpus.Overrides.AddAlternate(faqId, question);
            await knowledge.RebuildAsync(http.RequestAborted);
        }
        catch (Exception error) when (error is ArgumentException or FormatException or InvalidOperationException)
        {
            return Problem(http, error.Message);
        }
        await store.AuditAsync(http.User.OperatorName(), "attach-alternate", faqId, question);
        return Results.LocalRedirect("/operators/unanswered?done=" + Uri.EscapeDataString($"Attached to {faqId}; the index was rebuilt."));
    }

    public static async Task<IResult> Draft(HttpContext http, KnowledgeCorpus corpus, IKnowledgeBase knowledge, ITranscriptStore store)
    {
        var form = await http.Request.ReadFormAsync();
        string id;
        try
        {
            id = corpus.Overrides.AddEntry(form["question"].ToString(), form["answer"].ToString(), form["topic"].ToString());
            await knowledge.RebuildAsync(http.RequestAborted);
        }
        catch (Exception error) when (error is ArgumentException or FormatException or InvalidOperationException)
        {
            return Problem(http, error.Message);
        }
        await store.AuditAsync(http.User.OperatorName(), "add-entry", id, form["question"].ToString().Trim());
        return Results.LocalRedirect("/operators/unanswered?done=" + Uri.EscapeDataString($"Added entry {id}; the index was rebuilt."));
    }

    private static IResult Problem(HttpContext http, string message) =>
        Page(http, "Unanswered questions", $"<p class=\"error\" role=\"alert\">{E(message)}</p><p><a href=\"/operators/unanswered\">Back to the queue</a></p>", 400);
}
