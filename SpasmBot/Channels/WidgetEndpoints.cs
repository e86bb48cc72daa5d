namespace SpasmBot.Channels;

/// <summary>
/// Serves the Web Chat bundle from the npm package the build restored (widget/package-lock.json pins it), so
/// pages never load it from a CDN. The build copies it next to the executable as <c>widget/webchat.js</c>.
/// </summary>
public static class WidgetEndpoints
{
    public const string BundlePath = "/lib/webchat.js";

    public static void MapWidget(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(BundlePath, (HttpContext http) =>
        {
            var file = Path.Combine(AppContext.BaseDirectory, "widget", "webchat.js");
            if (!File.Exists(file))
            {
                return Results.Problem("The Web Chat bundle is missing: build the bot with npm available (it runs `npm ci` in widget/).",
                    statusCode: StatusCodes.Status503ServiceUnavailable);
            }
            http.Response.Headers.CacheControl = "public, max-age=3600";
            return Results.File(file, "text/javascript; charset=utf-8", enableRangeProcessing: false,
                lastModified: File.GetLastWriteTimeUtc(file));
        });
    }
}
