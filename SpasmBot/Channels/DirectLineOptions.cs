namespace SpasmBot.Channels;

/// <summary>
/// Settings of the website widget's Direct Line ("DirectLine" section). Without <see cref="Secret"/> the bot hosts
/// Direct Line itself (embedded mode); with it, the widget's token endpoint exchanges the secret at Azure.
/// </summary>
public sealed class DirectLineOptions
{
    public const string Section = "DirectLine";

    /// <summary>The Azure Direct Line secret. Setting it switches to Azure mode. Never sent to a page.</summary>
    public string? Secret { get; set; }

    /// <summary>Azure's token endpoint (a regional host or the App Service extension can replace it).</summary>
    public string Endpoint { get; set; } = "https://directline.botframework.com/v3/directline/tokens/generate";

    /// <summary>Origins (scheme://host[:port]) of other sites allowed to call the token and Direct Line endpoints.</summary>
    public string[] AllowedOrigins { get; set; } = [];

    /// <summary>Embedded mode: HMAC key for tokens, base64 (at least 32 bytes). Empty: a new key per start.</summary>
    public string? TokenSigningKey { get; set; }

    /// <summary>Embedded mode: a server-side master key for <c>tokens/generate</c> and secret-started conversations.</summary>
    public string? EmbeddedSecret { get; set; }

    /// <summary>channelId stamped on activities (Azure's Direct Line stamps "directline"; its hosted Web Chat "webchat").</summary>
    public string ChannelId { get; set; } = "directline";

    public int TokenLifetimeSeconds { get; set; } = 1800;

    /// <summary>A conversation nobody touched for this long is forgotten.</summary>
    public int ConversationIdleMinutes { get; set; } = 60;

    /// <summary>Oldest activities beyond this are dropped from a conversation's log.</summary>
    public int MaxActivitiesPerConversation { get; set; } = 500;

    /// <summary>New conversations are refused (503) while this many are live.</summary>
    public int MaxConversations { get; set; } = 10_000;

    /// <summary>Most activities one GET returns; clients page on with the returned watermark.</summary>
    public int MaxActivitiesPerGet { get; set; } = 100;

    /// <summary>Largest activity a client may post, in bytes.</summary>
    public int MaxActivityBytes { get; set; } = 64 * 1024;

    /// <summary>Requests per conversation token: a burst of this many...</summary>
    public int RateLimitBurst { get; set; } = 60;

    /// <summary>...refilled at this many per minute.</summary>
    public int RateLimitPerMinute { get; set; } = 300;

    /// <summary>Token requests per client address: a burst of this many, refilled at one per 6 seconds.</summary>
    public int TokenRequestBurst { get; set; } = 20;

    /// <summary>Seconds between the empty keep-alive frames on the WebSocket stream.</summary>
    public int StreamHeartbeatSeconds { get; set; } = 30;

    public string BotId { get; set; } = "spasmbot";
    public string BotName { get; set; } = "SpasmBot";

    public bool IsAzureMode => !string.IsNullOrWhiteSpace(Secret);
}
