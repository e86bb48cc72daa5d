using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Antiforgery;

namespace SpasmBot.Operators;

/// <summary>
/// Server-rendered HTML for the console. Every value that is not a fixed string of this file goes through
/// <see cref="E"/>, so visitor text is always shown as text. No inline script or style: the Content-Security-Policy forbids both.
/// </summary>
public static class ConsoleHtml
{
    public const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public static string E(string? text) => HtmlEncoder.Default.Encode(text ?? "");

    public static string E(object? value) => E(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture));

    public static IResult Page(HttpContext http, string title, string body, int status = 200)
    {
        var user = http.User;
        var html = new StringBuilder();
        html.Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>").Append(E(title)).Append(" · SpasmBot operators</title>")
            .Append("<link rel=\"stylesheet\" href=\"/operators/console.css\"></head><body>");
        if (user.Identity?.IsAuthenticated == true)
        {
            html.Append("<header><nav><strong>SpasmBot operators</strong> ")
                .Append("<a href=\"/operators\">Conversations</a> <a href=\"/operators/dashboard\">Dashboard</a> ")
                .Append("<a href=\"/operators/unanswered\">Unanswered</a> <a href=\"/operators/audit\">Audit log</a> ");
            if (user.IsInRole(OperatorRoles.Admin))
            {
                html.Append("<a href=\"/operators/accounts\">Accounts</a> ");
            }
            html.Append("</nav><span class=\"who\">").Append(E(user.Identity.Name)).Append(" (").Append(E(RoleOf(user))).Append(")</span>")
                .Append(Form("/operators/logout", "<button type=\"submit\">Sign out</button>", "inline"))
                .Append("</header>");
        }
        html.Append("<main><h1>").Append(E(title)).Append("</h1>").Append(body).Append("</main></body></html>");
        var tokens = http.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(http);
        html.Replace(AntiforgeryPlaceholder, AntiforgeryField(tokens.FormFieldName, tokens.RequestToken ?? ""));
        return Results.Content(html.ToString(), "text/html; charset=utf-8", Encoding.UTF8, status);
    }

    public static string RoleOf(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.Role) ?? "";

    public static bool CanEdit(ClaimsPrincipal user) => user.IsInRole(OperatorRoles.Editor) || user.IsInRole(OperatorRoles.Admin);

    /// <summary>A POST form; the anti-forgery field is added by <see cref="AntiforgeryField"/> at render time.</summary>
    public static string Form(string action, string inner, string? cssClass = null) =>
        $"<form method=\"post\" action=\"{E(action)}\"{(cssClass is null ? "" : $" class=\"{cssClass}\"")}>{AntiforgeryPlaceholder}{inner}</form>";

    // Replaced per request by the token field; keeps Form() free of HttpContext plumbing.
    public const string AntiforgeryPlaceholder = "<!--antiforgery-->";

    public static string AntiforgeryField(string fieldName, string token) =>
        $"<input type=\"hidden\" name=\"{E(fieldName)}\" value=\"{E(token)}\">";

    public static string Time(DateTimeOffset time) =>
        $"<time datetime=\"{E(time.ToString("O"))}\">{E(time.UtcDateTime.ToString("yyyy-MM-dd HH:mm"))}</time>";

    public static string Notice(string? text) => string.IsNullOrEmpty(text) ? "" : $"<p class=\"notice\" role=\"status\">{E(text)}</p>";
}
