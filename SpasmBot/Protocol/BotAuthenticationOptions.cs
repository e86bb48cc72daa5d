using Microsoft.Extensions.Options;

namespace SpasmBot.Protocol;

/// <summary>
/// The bot's identity, from the root keys the Bot Framework SDK reads (MicrosoftAppType, MicrosoftAppId,
/// MicrosoftAppPassword, MicrosoftAppTenantId) plus the "BotFramework" section. No app id = anonymous (local runs, Emulator).
/// </summary>
public sealed class BotAuthenticationOptions
{
    public const string BotConnectorIssuer = "https://api.botframework.com";
    public const string SingleTenant = "SingleTenant";
    public const string MultiTenant = "MultiTenant";
    public const string UserAssignedMsi = "UserAssignedMSI";

    public string MicrosoftAppType { get; set; } = MultiTenant;
    public string? MicrosoftAppId { get; set; }
    public string? MicrosoftAppPassword { get; set; }
    public string? MicrosoftAppTenantId { get; set; }

    /// <summary>Where the Bot Connector's signing keys are published.</summary>
    public string OpenIdMetadataUrl { get; set; } = "https://login.botframework.com/v1/.well-known/openidconfiguration";

    /// <summary>Entra metadata for the tokens the Emulator gets with the bot's own credentials; empty turns that path off.</summary>
    public string? EmulatorOpenIdMetadataUrl { get; set; } = "https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration";

    /// <summary>How often the signing keys are re-read even when nothing fails (the docs ask for at least daily).</summary>
    public TimeSpan MetadataRefreshInterval { get; set; } = TimeSpan.FromHours(12);

    public bool IsAuthenticationEnabled => !string.IsNullOrWhiteSpace(MicrosoftAppId);

    public bool IsSingleTenant => string.Equals(MicrosoftAppType, SingleTenant, StringComparison.OrdinalIgnoreCase);

    public bool IsUserAssignedMsi => string.Equals(MicrosoftAppType, UserAssignedMsi, StringComparison.OrdinalIgnoreCase);

    /// <summary>Why this configuration cannot work, or null when it can.</summary>
    public string? Problem()
    {
        if (!IsAuthenticationEnabled)
        {
            return null;
        }
        if (!IsSingleTenant && !IsUserAssignedMsi && !string.Equals(MicrosoftAppType, MultiTenant, StringComparison.OrdinalIgnoreCase))
        {
            return $"MicrosoftAppType must be {SingleTenant}, {MultiTenant} or {UserAssignedMsi}, not '{MicrosoftAppType}'.";
        }
        if (!IsUserAssignedMsi && string.IsNullOrWhiteSpace(MicrosoftAppPassword))
        {
            return $"MicrosoftAppPassword is required for MicrosoftAppType {MicrosoftAppType}.";
        }
        if ((IsSingleTenant || IsUserAssignedMsi) && string.IsNullOrWhiteSpace(MicrosoftAppTenantId))
        {
            return $"MicrosoftAppTenantId is required for MicrosoftAppType {MicrosoftAppType}.";
        }
        if (MetadataRefreshInterval <= TimeSpan.Zero || MetadataRefreshInterval > TimeSpan.FromHours(24))
        {
            // The Bot Connector may add signing keys at any time; its docs ask for a refresh at least daily.
            return "BotFramework:MetadataRefreshInterval must be more than zero and at most 24 hours.";
        }
        return null;
    }
}

/// <summary>Outbound replies to the channel's serviceUrl.</summary>
public sealed class ConnectorOptions
{
    public int MaxRetries { get; set; } = 3;
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);
    /// <summary>Upper bound for any single wait, including one a Retry-After header asks for.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(10);
}

/// <summary>Stops the host at startup with the exact missing setting, instead of failing on the first reply.</summary>
internal sealed class BotAuthenticationOptionsValidator : IValidateOptions<BotAuthenticationOptions>
{
    public ValidateOptionsResult Validate(string? name, BotAuthenticationOptions options)
        => options.Problem() is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
}
