namespace SpasmBot.Operators;

/// <summary>Unanswered queue actions: attach a question to an FAQ entry, or draft a new entry (wired once the knowledge overrides land).</summary>
public static class ConsolePromotion
{
    public static void Map(RouteGroupBuilder editor, Func<RouteGroupBuilder, string, Delegate, RouteHandlerBuilder> post)
    {
    }
}
