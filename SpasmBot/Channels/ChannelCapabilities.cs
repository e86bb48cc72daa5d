using System.Collections.Frozen;
using System.Text.Json;

namespace SpasmBot.Channels;

/// <summary>
/// What a channel can show, so replies can fall back from cards to plain text and numbered choices where needed.
/// The table lives in <c>channel-capabilities.json</c> (facts from the Bot Framework channels reference, the SDK's
/// channel table and the Teams docs). Unknown channels get the plain-text profile.
/// </summary>
public sealed record ChannelCapabilities(
    string ChannelId,
    bool SupportsAdaptiveCards,
    string? MaxAdaptiveCardVersion,
    bool SupportsSuggestedActions,
    int MaxSuggestedActions,
    int MaxCardActions,
    bool SupportsMarkdown,
    bool SupportsCallButtons)
{
    private static readonly Lazy<FrozenDictionary<string, ChannelCapabilities>> Table = new(Load);

    /// <summary>Plain text, numbered choices: safe anywhere.</summary>
    public static ChannelCapabilities PlainText(string channelId)
        => new(channelId, false, null, false, 0, 0, false, false);

    public static ChannelCapabilities For(string? channelId)
        => channelId is not null && Table.Value.TryGetValue(channelId, out var known) ? known : PlainText(channelId ?? "");

    public static IReadOnlyCollection<ChannelCapabilities> All => Table.Value.Values;

    private static FrozenDictionary<string, ChannelCapabilities> Load()
    {
        using var stream = typeof(ChannelCapabilities).Assembly.GetManifestResourceStream("SpasmBot.Channels.channel-capabilities.json")
            ?? throw new InvalidOperationException("channel-capabilities.json is missing from the assembly.");
        var rows = JsonSerializer.Deserialize<List<ChannelCapabilities>>(stream, new JsonSerializerOptions(JsonSerializerDefaults.Web))
            ?? throw new InvalidOperationException("channel-capabilities.json is empty.");
        // Channel ids compare ordinally on the wire, but "MsTeams" in a config file is still Teams.
        return rows.ToFrozenDictionary(r => r.ChannelId, StringComparer.OrdinalIgnoreCase);
    }
}
