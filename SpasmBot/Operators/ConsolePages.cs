using System.Globalization;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using SpasmBot.Conversation;
using SpasmBot.Knowledge;
using SpasmBot.Transcripts;
using static SpasmBot.Operators.ConsoleHtml;

namespace SpasmBot.Operators;

/// <summary>The console's pages and form handlers. Reads need a viewer, edits an editor, deletions and accounts an admin.</summary>
public static class ConsolePages
{
    // ---- sign-in ----

    public static IResult LoginForm(HttpContext http, string? returnUrl) => Page(http, "Sign in", LoginBody(returnUrl, null));

    private static string LoginBody(string? returnUrl, string? error) =>
        (error is null ? "" : $"<p class=\"error\" role=\"alert\">{E(error)}</p>") +
        Form("/operators/login",
            $"<input type=\"hidden\" name=\"returnUrl\" value=\"{E(returnUrl)}\">" +
            "<label>User name <input name=\"user\" autocomplete=\"username\" required></label>" +
            "<label>Password <input name=\"password\" type=\"password\" autocomplete=\"current-password\" required></label>" +
            "<button type=\"submit\">Sign in</button>", "stack");

    public static async Task<IResult> Login(HttpContext http, OperatorAccounts accounts, ITranscriptStore store)
    {
        var form = await http.Request.ReadFormAsync();
        var name = form["user"].ToString().Trim();
        var returnUrl = form["returnUrl"].ToString();
        var (result, account) = await accounts.SignInAsync(name, form["password"].ToString());
        if (result != SignInResult.Success || account is null)
        {
            await store.AuditAsync(name, result == SignInResult.LockedOut ? "login-locked-out" : "login-failed", name);
            // One message for both: it must not tell a guesser whether the name exists.
            return Page(http, "Sign in", LoginBody(returnUrl, "Sign-in failed, or the account is locked after too many attempts. Try again later."), 401);
        }
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, account.Name), new Claim(ClaimTypes.Role, account.Role)], OperatorsServices.Scheme);
        await http.SignInAsync(OperatorsServices.Scheme, new ClaimsPrincipal(identity));
        await store.AuditAsync(account.Name, "login", account.Name);
        var local = returnUrl.StartsWith("/operators", StringComparison.Ordinal) && !returnUrl.StartsWith("//", StringComparison.Ordinal);
        return Results.LocalRedirect(local ? returnUrl : "/operators");
    }

    public static async Task<IResult> Logout(HttpContext http, ITranscriptStore store)
    {
        await store.AuditAsync(http.User.OperatorName(), "logout", http.User.OperatorName());
        await http.SignOutAsync(OperatorsServices.Scheme);
        return Results.LocalRedirect("/operators/login");
    }

    // ---- conversations ----

    public static async Task<IResult> Conversations(HttpContext http, ITranscriptStore store, IOptions<OperatorOptions> options)
    {
        ConversationFilter filter;
        ConversationPage page;
        try
        {
            filter = ConsoleFilters.Parse(http.Request.Query);
            page = await store.ListAsync(filter, http.Request.Query["cursor"].FirstOrDefault() is { Length: > 0 } c ? c : null, options.Value.PageSize, http.RequestAborted);
        }
        catch (FormatException error)
        {
            return Page(http, "Conversations", FilterForm(http.Request.Query) + $"<p class=\"error\" role=\"alert\">{E(error.Message)}</p>", 400);
        }
        var query = ConsoleFilters.ToQuery(http.Request.Query);
        var body = new StringBuilder(FilterForm(http.Request.Query));
        body.Append($"<p class=\"actions\">Export these conversations: <a href=\"/operators/export?format=csv&amp;{E(query)}\">CSV</a> ")
            .Append($"<a href=\"/operators/export?format=json&amp;{E(query)}\">JSON</a></p>");
        if (page.Items.Count == 0)
        {
            body.Append("<p class=\"muted\">No conversations match.</p>");
        }
        else
        {
            body.Append("<table class=\"conversations\"><thead><tr><th>Started</th><th>Channel</th><th>First question</th><th>Outcomes</th><th>Messages</th><th>Reviewed</th><th>Tags</th></tr></thead><tbody>");
            foreach (var c in page.Items)
            {
                body.Append("<tr>")
                    .Append($"<td>{Time(c.Started)}</td><td>{E(c.Channel)}</td>")
                    .Append($"<td><a href=\"/operators/conversations/{E(Uri.EscapeDataString(c.Id))}\">{E(Shorten(c.FirstQuestion ?? "(no message)", 90))}</a></td>")
                    .Append($"<td>{Badges(c.OutcomeFlags)}</td><td>{c.MessageCount}</td><td>{(c.Reviewed ? "yes" : "no")}</td>")
                    .Append($"<td>{E(string.Join(", ", c.Tags))}</td></tr>");
            }
            body.Append("</tbody></table>");
        }
        if (page.NextCursor is not null)
        {
            var next = (query.Length > 0 ? query + "&" : "") + "cursor=" + Uri.EscapeDataString(page.NextCursor);
            body.Append($"<p><a rel=\"next\" href=\"/operators?{E(next)}\">Older conversations →</a></p>");
        }
        return Page(http, "Conversations", body.ToString());
    }

    private static string FilterForm(IQueryCollection q)
    {
        string Value(string key) => E(q[key].ToString());
        string Option(string key, string value, string label) =>
            $"<option value=\"{E(value)}\"{(q[key].ToString() == value ? " selected" : "")}>{E(label)}</option>";
        var outcomes = string.Concat(ConsoleFilters.OutcomeNames.Select(o => Option("outcome", o.Name, o.Name)));
        return "<form method=\"get\" action=\"/operators\" class=\"filters\">" +
               $"<label>From <input type=\"date\" name=\"from\" value=\"{Value("from")}\"></label>" +
               $"<label>To <input type=\"date\" name=\"to\" value=\"{Value("to")}\"></label>" +
               $"<label>Channel <input name=\"channel\" value=\"{Value("channel")}\" size=\"10\"></label>" +
               $"<label>Outcome <select name=\"outcome\">{Option("outcome", "", "any")}{outcomes}</select></label>" +
               $"<label>Reviewed <select name=\"reviewed\">{Option("reviewed", "", "any")}{Option("reviewed", "yes", "yes")}{Option("reviewed", "no", "no")}</select></label>" +
               $"<label>Tag <input name=\"tag\" value=\"{Value("tag")}\" size=\"10\"></label>" +
               $"<label>Search <input type=\"search\" name=\"q\" value=\"{Value("q")}\"></label>" +
               (string.IsNullOrEmpty(q["user"]) ? "" : $"<input type=\"hidden\" name=\"user\" value=\"{Value("user")}\">") +
               "<button type=\"submit\">Filter</button></form>";
    }

    private static string Badges(Outcomes outcomes) => string.Concat(ConsoleFilters.OutcomeNames
        .Where(o => outcomes.HasFlag(o.Outcome))
        .Select(o => $"<span class=\"badge {E(o.Name)}\">{E(o.Name)}</span> "));

    private static string Shorten(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";

    public static async Task<IResult> Conversation(HttpContext http, string id, ITranscriptStore store, IServiceProvider services)
    {
        var detail = await store.GetAsync(id, http.RequestAborted);
        if (detail is null)
        {
            return Page(http, "Conversation not found", "<p>It may have been deleted or purged.</p>", 404);
        }
        // Reading a visitor's health conversation is an action too: the audit log records who looked.
        await store.AuditAsync(http.User.OperatorName(), "view-conversation", id);
        var s = detail.Summary;
        var path = "/operators/conversations/" + Uri.EscapeDataString(s.Id);
        var knowledge = services.GetService<IKnowledgeBase>();
        var body = new StringBuilder();
        body.Append("<dl class=\"summary\">")
            .Append($"<dt>Conversation</dt><dd>{E(s.Id)}</dd><dt>Channel</dt><dd>{E(s.Channel)}</dd>")
            .Append($"<dt>Visitor (pseudonym)</dt><dd><a href=\"/operators?user={E(Uri.EscapeDataString(s.UserId))}\">{E(s.UserId)}</a></dd>")
            .Append($"<dt>Started</dt><dd>{Time(s.Started)}</dd><dt>Last activity</dt><dd>{Time(s.Last)}</dd>")
            .Append($"<dt>Outcomes</dt><dd>{Badges(s.OutcomeFlags)}</dd>")
            .Append($"<dt>Reviewed</dt><dd class=\"reviewed\">{(s.Reviewed ? "yes" : "no")}</dd>")
            .Append($"<dt>Tags</dt><dd class=\"tags\">{E(string.Join(", ", s.Tags))}</dd>")
            .Append($"<dt>Notes</dt><dd class=\"notes\">{E(s.Notes)}</dd></dl>");

        if (CanEdit(http.User))
        {
            body.Append("<section class=\"edit\">")
                .Append(Form(path + "/reviewed",
                    $"<input type=\"hidden\" name=\"reviewed\" value=\"{(s.Reviewed ? "false" : "true")}\">" +
                    $"<button type=\"submit\">{(s.Reviewed ? "Mark not reviewed" : "Mark reviewed")}</button>", "inline"))
                .Append(Form(path + "/tags",
                    $"<label>Tags (comma separated) <input name=\"tags\" value=\"{E(string.Join(", ", s.Tags))}\"></label><button type=\"submit\">Save tags</button>", "inline"))
                .Append(Form(path + "/notes",
                    $"<label>Notes <textarea name=\"notes\" rows=\"2\">{E(s.Notes)}</textarea></label><button type=\"submit\">Save notes</button>", "inline"))
                .Append("</section>");
        }
        if (http.User.IsInRole(OperatorRoles.Admin))
        {
            body.Append("<section class=\"danger\">")
                .Append(Form(path + "/delete", "<button type=\"submit\" class=\"danger\">Delete this conversation</button>", "inline"))
                .Append(Form($"/operators/users/{Uri.EscapeDataString(s.UserId)}/delete", "<button type=\"submit\" class=\"danger\">Delete every conversation of this visitor</button>", "inline"))
                .Append("</section>");
        }

        body.Append("<ol class=\"chat\">");
        foreach (var m in detail.Messages)
        {
            if (m.DecisionJson is not null)
            {
                body.Append("<li class=\"decision\">").Append(DecisionHtml(m.DecisionJson, knowledge)).Append("</li>");
            }
            else if (m.ActivityType == "message")
            {
                var who = m.Direction == TranscriptDirections.In ? "visitor" : "bot";
                body.Append($"<li class=\"{who}\"><span class=\"who\">{who}</span> {Time(m.Time)}<p class=\"text\">{E(m.Text)}</p></li>");
            }
            else if (m.ActivityType == TranscriptActivityTypes.TurnError)
            {
                body.Append($"<li class=\"error\">The bot failed on this turn ({E(m.Text)}).</li>");
            }
            else if (m.ActivityType != "typing")
            {
                body.Append($"<li class=\"event\">{E(m.Direction)}: {E(m.ActivityType)} {E(m.Text)}</li>");
            }
        }
        body.Append("</ol>");
        return Page(http, "Conversation", body.ToString());
    }

    private static string DecisionHtml(string json, IKnowledgeBase? knowledge)
    {
        Decision? d;
        try
        {
            d = JsonSerializer.Deserialize<Decision>(json);
        }
        catch (JsonException)
        {
            d = null;
        }
        if (d is null)
        {
            return "<span class=\"muted\">unreadable decision</span>";
        }
        var html = new StringBuilder("<details open><summary>Decision: <strong class=\"route\">").Append(E(d.Route)).Append("</strong>");
        if (d.FaqId is not null)
        {
            var question = knowledge?.Find(d.FaqId)?.Question;
            html.Append($" · FAQ <code>{E(d.FaqId)}</code>{(question is null ? "" : " “" + E(question) + "”")}");
        }
        if (d.Score is { } score)
        {
            html.Append(CultureInfo.InvariantCulture, $" · score {score:0.000}");
        }
        if (d.Helpful is { } helpful)
        {
            html.Append($" · feedback: {(helpful ? "helpful" : "not helpful")}");
        }
        html.Append("</summary>");
        var signals = d.Safety?.Signals ?? [];
        html.Append($"<p>Safety: <span class=\"tier\">{E(d.Safety?.Tier ?? "not recorded")}</span>{(signals.Count > 0 ? " — signals: " + E(string.Join(", ", signals)) : "")}</p>");
        if (d.Alternatives is { Count: > 0 })
        {
            html.Append("<p>Runners-up:</p><ul>");
            foreach (var a in d.Alternatives)
            {
                html.Append(CultureInfo.InvariantCulture, $"<li><code>{E(a.FaqId)}</code> {E(a.Question)} ({a.Score:0.000})</li>");
            }
            html.Append("</ul>");
        }
        return html.Append("</details>").ToString();
    }

    public static async Task<IResult> SetReviewed(HttpContext http, string id, ITranscriptStore store)
    {
        var reviewed = (await http.Request.ReadFormAsync())["reviewed"] == "true";
        if (!await store.SetReviewedAsync(id, reviewed))
        {
            return Results.NotFound();
        }
        await store.AuditAsync(http.User.OperatorName(), reviewed ? "mark-reviewed" : "mark-unreviewed", id);
        return BackTo(id);
    }

    public static async Task<IResult> SetTags(HttpContext http, string id, ITranscriptStore store)
    {
        var tags = (await http.Request.ReadFormAsync())["tags"].ToString()
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(t => t.Length <= 40).Take(20).ToList();
        if (!await store.SetTagsAsync(id, tags))
        {
            return Results.NotFound();
        }
        await store.AuditAsync(http.User.OperatorName(), "set-tags", id, string.Join(",", tags.Select(TranscriptStore.NormalizeTag)));
        return BackTo(id);
    }

    public static async Task<IResult> SetNotes(HttpContext http, string id, ITranscriptStore store)
    {
        var notes = (await http.Request.ReadFormAsync())["notes"].ToString();
        if (notes.Length > 4000)
        {
            return Results.Text("Notes are limited to 4000 characters.", statusCode: 400);
        }
        if (!await store.SetNotesAsync(id, notes))
        {
            return Results.NotFound();
        }
        await store.AuditAsync(http.User.OperatorName(), "set-notes", id); // notes may quote the visitor: not in the audit
        return BackTo(id);
    }

    public static async Task<IResult> DeleteConversation(HttpContext http, string id, ITranscriptStore store)
    {
        var deleted = await store.DeleteConversationAsync(id, http.User.OperatorName());
        return Page(http, "Conversation deleted", Notice(deleted > 0 ? "The conversation was deleted; the audit log keeps a row without content." : "Nothing to delete.") +
            "<p><a href=\"/operators\">Back to conversations</a></p>");
    }

    public static async Task<IResult> DeleteUser(HttpContext http, string userId, ITranscriptStore store)
    {
        var deleted = await store.DeleteUserAsync(userId, http.User.OperatorName());
        return Page(http, "Visitor's conversations deleted", Notice($"{deleted} conversations deleted; the audit log keeps one row without content for each.") +
            "<p><a href=\"/operators\">Back to conversations</a></p>");
    }

    private static IResult BackTo(string id) => Results.LocalRedirect("/operators/conversations/" + Uri.EscapeDataString(id));

    // ---- export ----

    public static async Task<IResult> Export(HttpContext http, TranscriptExporter exporter, ITranscriptStore store)
    {
        ConversationFilter filter;
        try
        {
            filter = ConsoleFilters.Parse(http.Request.Query);
        }
        catch (FormatException error)
        {
            return Results.Text(error.Message, statusCode: 400);
        }
        var format = http.Request.Query["format"].ToString() is "csv" ? "csv" : "json";
        await store.AuditAsync(http.User.OperatorName(), "export", format, ConsoleFilters.ToQuery(http.Request.Query));
        var stamp = DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        http.Response.ContentType = format == "csv" ? "text/csv; charset=utf-8" : "application/json; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"spasmbot-transcripts-{stamp}.{format}\"";
        await using var writer = new StreamWriter(http.Response.Body, new UTF8Encoding(false));
        if (format == "csv")
        {
            await exporter.WriteCsvAsync(writer, filter, http.RequestAborted);
        }
        else
        {
            await exporter.WriteJsonArrayAsync(writer, filter, http.RequestAborted);
        }
        return Results.Empty;
    }

    // ---- dashboard ----

    public static async Task<IResult> Dashboard(HttpContext http, ITranscriptStore store, IServiceProvider services)
    {
        var days = int.TryParse(http.Request.Query["days"], CultureInfo.InvariantCulture, out var d) ? Math.Clamp(d, 1, 365) : 30;
        var to = DateTimeOffset.UtcNow;
        var from = new DateTimeOffset(to.UtcDateTime.Date, TimeSpan.Zero).AddDays(1 - days);
        var stats = await store.StatsAsync(from, to, http.RequestAborted);
        var unanswered = await store.UnansweredAsync(from, to, 2000, http.RequestAborted);
        var knowledge = services.GetService<IKnowledgeBase>();
        var body = new StringBuilder();
        body.Append($"<p>Last {days} days. <a href=\"/operators/dashboard?days=7\">7</a> · <a href=\"/operators/dashboard?days=30\">30</a> · <a href=\"/operators/dashboard?days=90\">90</a> days</p>");
        var (firstDay, lastDay) = (DateOnly.FromDateTime(from.UtcDateTime), DateOnly.FromDateTime(to.UtcDateTime));
        body.Append("<div class=\"charts\">")
            .Append(ConsoleCharts.Bars("Conversations per day", ConsoleCharts.EveryDay(stats.ConversationsPerDay, firstDay, lastDay)))
            .Append(ConsoleCharts.Bars("Messages per day", ConsoleCharts.EveryDay(stats.MessagesPerDay, firstDay, lastDay)))
            .Append(ConsoleCharts.Bars("Escalations per day (emergency, crisis, urgent)", ConsoleCharts.EveryDay(stats.EscalationsPerDay, firstDay, lastDay), "bar escalation"))
            .Append(ConsoleCharts.Ratio("Answer rate", "answered", stats.Answered, "clarified or unanswered", stats.Clarified + stats.Unanswered))
            .Append(ConsoleCharts.Ratio("Feedback", "helpful", stats.HelpfulYes, "not helpful", stats.HelpfulNo))
            .Append("</div>");
        body.Append("<section><h2>Top questions answered</h2><ol class=\"top\">");
        foreach (var q in stats.TopAnswered)
        {
            var faq = q.FaqId is null ? null : knowledge?.Find(q.FaqId)?.Question;
            body.Append($"<li>{E(faq ?? q.Text)} <code>{E(q.FaqId)}</code> — {q.Count}</li>");
        }
        body.Append("</ol></section><section><h2>Top unanswered questions (grouped by similarity)</h2><ol class=\"top\">");
        foreach (var cluster in QuestionClusters.Group(unanswered.Select(m => m.Text ?? "")).Take(10))
        {
            body.Append($"<li>{E(cluster.Representative)} — {cluster.Questions.Count}</li>");
        }
        body.Append("</ol><p><a href=\"/operators/unanswered\">Work through the unanswered queue</a></p></section>");
        return Page(http, "Dashboard", body.ToString());
    }

    // ---- unanswered queue ----

    public static async Task<IResult> Unanswered(HttpContext http, ITranscriptStore store, IServiceProvider services)
    {
        var to = DateTimeOffset.UtcNow;
        var unanswered = await store.UnansweredAsync(to.AddDays(-90), to, 5000, http.RequestAborted);
        var clusters = QuestionClusters.Group(unanswered.Select(m => m.Text ?? ""));
        var knowledge = services.GetService<IKnowledgeBase>();
        var canEdit = CanEdit(http.User);
        var body = new StringBuilder(Notice(http.Request.Query["done"]));
        body.Append("<p>Questions the bot could not answer in the last 90 days, most asked first. Attach one to an existing answer, or draft a new entry; the index is rebuilt at once.</p>");
        if (canEdit && knowledge is not null)
        {
            body.Append("<datalist id=\"faqs\">");
            foreach (var entry in knowledge.Entries)
            {
                body.Append($"<option value=\"{E(entry.Id)}\">{E(Shorten(entry.Question, 100))}</option>");
            }
            body.Append("</datalist>");
        }
        if (clusters.Count == 0)
        {
            body.Append("<p class=\"muted\">Nothing unanswered. </p>");
        }
        body.Append("<ol class=\"queue\">");
        foreach (var cluster in clusters.Take(100))
        {
            // Already promoted: the index answers it now, so say so instead of offering the forms again.
            var nowAnswered = knowledge?.Ask(cluster.Representative) is { Outcome: AnswerOutcome.Answer, Best: { } best } ? best.Entry : null;
            body.Append($"<li><p><strong class=\"question\">{E(cluster.Representative)}</strong> — asked {cluster.Questions.Count}×");
            body.Append(nowAnswered is null ? "</p>" : $" <span class=\"badge answered\">now answered by <code>{E(nowAnswered.Id)}</code></span></p>");
            if (cluster.Questions.Count > 1)
            {
                body.Append("<ul class=\"variants\">");
                foreach (var variant in cluster.Questions.Distinct().Skip(1).Take(5))
                {
                    body.Append($"<li>{E(variant)}</li>");
                }
                body.Append("</ul>");
            }
            if (canEdit && nowAnswered is null)
            {
                body.Append(Form("/operators/unanswered/attach",
                        $"<label>Question <input name=\"question\" value=\"{E(cluster.Representative)}\" required></label>" +
                        "<label>Existing FAQ id <input name=\"faqId\" list=\"faqs\" required></label>" +
                        "<button type=\"submit\">Attach as alternate question</button>", "inline attach"))
                    .Append(Form("/operators/unanswered/draft",
                        $"<label>Question <input name=\"question\" value=\"{E(cluster.Representative)}\" required></label>" +
                        "<label>Answer <textarea name=\"answer\" rows=\"3\" required></textarea></label>" +
                        "<label>Topic <input name=\"topic\"></label>" +
                        "<button type=\"submit\">Add new entry</button>", "stack draft"));
            }
            body.Append("</li>");
        }
        body.Append("</ol>");
        return Page(http, "Unanswered questions", body.ToString());
    }

    // ---- audit ----

    public static async Task<IResult> Audit(HttpContext http, ITranscriptStore store)
    {
        long? before = long.TryParse(http.Request.Query["before"], CultureInfo.InvariantCulture, out var b) ? b : null;
        var entries = await store.ListAuditAsync(before, 200, http.RequestAborted);
        var body = new StringBuilder("<table class=\"audit\"><thead><tr><th>When</th><th>Who</th><th>What</th><th>Target</th><th>Detail</th></tr></thead><tbody>");
        foreach (var a in entries)
        {
            body.Append($"<tr><td>{Time(a.Time)}</td><td>{E(a.Actor)}</td><td>{E(a.Action)}</td><td>{E(a.Target)}</td><td>{E(a.Detail)}</td></tr>");
        }
        body.Append("</tbody></table>");
        if (entries.Count == 200)
        {
            body.Append($"<p><a href=\"/operators/audit?before={entries[^1].Id}\">Older →</a></p>");
        }
        return Page(http, "Audit log", body.ToString());
    }

    // ---- accounts (admin) ----

    public static async Task<IResult> Accounts(HttpContext http, OperatorAccounts accounts) =>
        Page(http, "Operator accounts", await AccountsBody(http, accounts, http.Request.Query["done"]));

    private static async Task<string> AccountsBody(HttpContext http, OperatorAccounts accounts, string? notice)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var body = new StringBuilder(Notice(notice));
        body.Append("<table><thead><tr><th>Name</th><th>Role</th><th>Status</th><th></th></tr></thead><tbody>");
        foreach (var a in await accounts.ListAsync(http.RequestAborted))
        {
            var locked = a.LockedUntil is { } until && until > now;
            body.Append($"<tr><td>{E(a.Name)}</td><td>{E(a.Role)}</td><td>{(locked ? "locked" : "active")}</td><td>")
                .Append(a.Name == http.User.OperatorName() ? "" : Form("/operators/accounts/remove",
                    $"<input type=\"hidden\" name=\"user\" value=\"{E(a.Name)}\"><button type=\"submit\" class=\"danger\">Remove</button>", "inline"))
                .Append("</td></tr>");
        }
        body.Append("</tbody></table><h2>Add or reset an account</h2>");
        var roles = string.Concat(OperatorRoles.All.Select(r => $"<option>{E(r)}</option>"));
        body.Append(Form("/operators/accounts/add",
            "<label>User name <input name=\"user\" required></label>" +
            $"<label>Role <select name=\"role\">{roles}</select></label>" +
            "<label>Password (10+ characters) <input name=\"password\" type=\"password\" autocomplete=\"new-password\" required></label>" +
            "<button type=\"submit\">Save account</button>", "stack"));
        return body.ToString();
    }

    public static async Task<IResult> AddAccount(HttpContext http, OperatorAccounts accounts, ITranscriptStore store)
    {
        var form = await http.Request.ReadFormAsync();
        var name = form["user"].ToString().Trim();
        var role = form["role"].ToString();
        try
        {
            await accounts.AddAsync(name, role, form["password"].ToString());
        }
        catch (ArgumentException error)
        {
            return Page(http, "Operator accounts", $"<p class=\"error\" role=\"alert\">{E(error.Message)}</p>" + await AccountsBody(http, accounts, null), 400);
        }
        await store.AuditAsync(http.User.OperatorName(), "account-save", name, role);
        return Results.LocalRedirect("/operators/accounts?done=" + Uri.EscapeDataString($"Saved {name} ({role})."));
    }

    public static async Task<IResult> RemoveAccount(HttpContext http, OperatorAccounts accounts, ITranscriptStore store)
    {
        var name = (await http.Request.ReadFormAsync())["user"].ToString();
        if (name == http.User.OperatorName())
        {
            return Results.Text("You cannot remove your own account.", statusCode: 400);
        }
        var removed = await accounts.RemoveAsync(name);
        if (removed)
        {
            await store.AuditAsync(http.User.OperatorName(), "account-remove", name);
        }
        return Results.LocalRedirect("/operators/accounts?done=" + Uri.EscapeDataString(removed ? $"Removed {name}." : $"No account {name}."));
    }
}
