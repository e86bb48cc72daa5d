using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using SpasmBot.Transcripts;

namespace SpasmBot.Operators;

public static class OperatorsServices
{
    public const string Scheme = "Operators";
    public const string ViewerPolicy = "operators-viewer";
    public const string EditorPolicy = "operators-editor";
    public const string AdminPolicy = "operators-admin";

    public static IServiceCollection AddOperators(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<OperatorOptions>().Bind(configuration.GetSection(OperatorOptions.Section));
        services.AddSingleton<PasswordHasher>();
        services.AddSingleton<OperatorAccounts>();
        services.AddSingleton<TranscriptExporter>();

        var lifetime = configuration.GetSection(OperatorOptions.Section).Get<OperatorOptions>()?.SessionLifetime ?? new OperatorOptions().SessionLifetime;
        // A named scheme, so the console's cookie never competes with the bot's token authentication.
        services.AddAuthentication()
            .AddCookie(Scheme, options =>
            {
                options.Cookie.Name = "spasmbot.operators";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Strict;
                options.Cookie.Path = "/operators";
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.LoginPath = "/operators/login";
                options.ExpireTimeSpan = lifetime;
                options.SlidingExpiration = true;
                options.Events.OnRedirectToAccessDenied = context =>
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return Task.CompletedTask;
                };
                options.Events.OnRedirectToLogin = context =>
                {
                    if (HttpMethods.IsGet(context.Request.Method))
                    {
                        context.Response.Redirect(context.RedirectUri);
                    }
                    else
                    {
                        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    }
                    return Task.CompletedTask;
                };
            });
        services.AddAuthorizationBuilder()
            .AddPolicy(ViewerPolicy, p => p.AddAuthenticationSchemes(Scheme).RequireRole(OperatorRoles.All.ToArray()))
            .AddPolicy(EditorPolicy, p => p.AddAuthenticationSchemes(Scheme).RequireRole(OperatorRoles.Editor, OperatorRoles.Admin))
            .AddPolicy(AdminPolicy, p => p.AddAuthenticationSchemes(Scheme).RequireRole(OperatorRoles.Admin));
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "spasmbot.antiforgery";
            options.Cookie.Path = "/operators";
            options.FormFieldName = "__RequestVerificationToken";
        });
        return services;
    }
}

public static class OperatorsEndpoints
{
    /// <summary>Maps the review console under /operators.</summary>
    public static IEndpointRouteBuilder MapOperators(this IEndpointRouteBuilder endpoints)
    {
        var console = endpoints.MapGroup("/operators").AddEndpointFilter(SecurityHeaders);
        console.MapGet("/console.css", () => Results.Text(ConsoleStyles.Css, "text/css")).AllowAnonymous();

        console.MapGet("/login", ConsolePages.LoginForm).AllowAnonymous();
        console.MapPost("/login", ConsolePages.Login).AllowAnonymous().AddEndpointFilter(ValidateAntiforgery).DisableAntiforgery();

        var viewer = console.MapGroup("").RequireAuthorization(OperatorsServices.ViewerPolicy);
        viewer.MapGet("", ConsolePages.Conversations);
        viewer.MapGet("/conversations/{id}", ConsolePages.Conversation);
        viewer.MapGet("/dashboard", ConsolePages.Dashboard);
        viewer.MapGet("/unanswered", ConsolePages.Unanswered);
        viewer.MapGet("/export", ConsolePages.Export);
        viewer.MapGet("/audit", ConsolePages.Audit);
        Post(viewer, "/logout", ConsolePages.Logout);

        var editor = console.MapGroup("").RequireAuthorization(OperatorsServices.EditorPolicy);
        Post(editor, "/conversations/{id}/reviewed", ConsolePages.SetReviewed);
        Post(editor, "/conversations/{id}/tags", ConsolePages.SetTags);
        Post(editor, "/conversations/{id}/notes", ConsolePages.SetNotes);
        ConsolePromotion.Map(editor, Post);

        var admin = console.MapGroup("").RequireAuthorization(OperatorsServices.AdminPolicy);
        Post(admin, "/conversations/{id}/delete", ConsolePages.DeleteConversation);
        Post(admin, "/users/{userId}/delete", ConsolePages.DeleteUser);
        admin.MapGet("/accounts", ConsolePages.Accounts);
        Post(admin, "/accounts/add", ConsolePages.AddAccount);
        Post(admin, "/accounts/remove", ConsolePages.RemoveAccount);
        return endpoints;
    }

    /// <summary>Every console form posts here: authorization first (a viewer gets 403), then the anti-forgery check.</summary>
    private static RouteHandlerBuilder Post(RouteGroupBuilder group, string pattern, Delegate handler) =>
        group.MapPost(pattern, handler).AddEndpointFilter(ValidateAntiforgery).DisableAntiforgery();

    private static async ValueTask<object?> ValidateAntiforgery(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var antiforgery = context.HttpContext.RequestServices.GetRequiredService<IAntiforgery>();
        if (!await antiforgery.IsRequestValidAsync(context.HttpContext))
        {
            return Results.Text("The form expired or did not come from this console. Go back, reload and try again.", statusCode: StatusCodes.Status400BadRequest);
        }
        return await next(context);
    }

    private static async ValueTask<object?> SecurityHeaders(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var headers = context.HttpContext.Response.Headers;
        headers.ContentSecurityPolicy = ConsoleHtml.ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = "no-cache, no-store";
        headers.Pragma = "no-cache";
        return await next(context);
    }

    public static string OperatorName(this ClaimsPrincipal user) => user.Identity?.Name ?? "unknown";
}
