using System.Text.Json;
using System.Text.Json.Serialization;

namespace SpasmBot.Protocol;

/// <summary>Names of the activity types the Bot Framework schema defines.</summary>
public static class ActivityTypes
{
    public const string Message = "message";
    public const string ConversationUpdate = "conversationUpdate";
    public const string Typing = "typing";
    public const string EndOfConversation = "endOfConversation";
    public const string Event = "event";
    public const string Invoke = "invoke";
    public const string InvokeResponse = "invokeResponse";
    public const string Trace = "trace";
    public const string InstallationUpdate = "installationUpdate";
    public const string MessageReaction = "messageReaction";
    public const string DeleteUserData = "deleteUserData";
}

/// <summary>
/// A Bot Framework activity with the official camelCase field names. Unknown fields are kept in
/// <see cref="Properties"/> so a relayed or logged activity loses nothing; opaque bags
/// (channelData, value, card content) stay <see cref="JsonElement"/>s so no naming policy touches them.
/// </summary>
public sealed class Activity
{
    public string? Type { get; set; }
    public string? Id { get; set; }
    public DateTimeOffset? Timestamp { get; set; }
    public DateTimeOffset? LocalTimestamp { get; set; }
    public string? LocalTimezone { get; set; }
    public string? ServiceUrl { get; set; }
    public string? ChannelId { get; set; }
    public ChannelAccount? From { get; set; }
    public ConversationAccount? Conversation { get; set; }
    public ChannelAccount? Recipient { get; set; }
    public string? TextFormat { get; set; }
    public string? AttachmentLayout { get; set; }
    public List<ChannelAccount>? MembersAdded { get; set; }
    public List<ChannelAccount>? MembersRemoved { get; set; }
    public string? Action { get; set; }
    public string? Locale { get; set; }
    public string? Text { get; set; }
    public string? Speak { get; set; }
    public string? InputHint { get; set; }
    public string? Summary { get; set; }
    public SuggestedActions? SuggestedActions { get; set; }
    public List<Attachment>? Attachments { get; set; }
    public List<JsonElement>? Entities { get; set; }
    public JsonElement? ChannelData { get; set; }
    public string? ReplyToId { get; set; }
    public string? DeliveryMode { get; set; }
    public string? Code { get; set; }
    public string? Importance { get; set; }
    public string? Name { get; set; }
    public string? Label { get; set; }
    public string? ValueType { get; set; }
    public object? Value { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; set; }

    /// <summary>A reply addressed back to the sender of this activity, in the same conversation.</summary>
    public Activity CreateReply(string? text = null) => new()
    {
        Type = ActivityTypes.Message,
        From = Recipient is null ? null : new ChannelAccount { Id = Recipient.Id, Name = Recipient.Name, Role = "bot" },
        Recipient = From is null ? null : new ChannelAccount { Id = From.Id, Name = From.Name },
        ReplyToId = Id,
        ServiceUrl = ServiceUrl,
        ChannelId = ChannelId,
        Conversation = Conversation,
        Text = text,
        Locale = Locale,
    };

    /// <summary>A trace activity, as the SDK's <c>CreateTrace</c> makes it.</summary>
    public Activity CreateTrace(string name, object? value, string? valueType, string? label = null)
    {
        var trace = CreateReply();
        trace.Type = ActivityTypes.Trace;
        trace.Name = name;
        trace.Label = label;
        trace.ValueType = valueType;
        trace.Value = value;
        trace.Locale = null;
        return trace;
    }
}

public sealed class ChannelAccount
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public string? AadObjectId { get; set; }
    public string? Role { get; set; }
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; set; }
}

public sealed class ConversationAccount
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public bool? IsGroup { get; set; }
    public string? ConversationType { get; set; }
    public string? TenantId { get; set; }
    public string? AadObjectId { get; set; }
    public string? Role { get; set; }
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; set; }
}

public sealed class Attachment
{
    public string? ContentType { get; set; }
    public string? ContentUrl { get; set; }
    public object? Content { get; set; }
    public string? Name { get; set; }
    public string? ThumbnailUrl { get; set; }
}

public sealed class SuggestedActions
{
    public List<string>? To { get; set; }
    public List<CardAction> Actions { get; set; } = [];
}

public sealed class CardAction
{
    public string Type { get; set; } = "imBack";
    public string? Title { get; set; }
    public string? Image { get; set; }
    public string? Text { get; set; }
    public string? DisplayText { get; set; }
    public object? Value { get; set; }
}

/// <summary>The body of a 200 response to an activity sent with <c>deliveryMode: expectReplies</c>.</summary>
public sealed class ExpectedReplies
{
    public List<Activity> Activities { get; set; } = [];
    public object? Body { get; set; }
}

public sealed class ResourceResponse
{
    public string? Id { get; set; }
}

/// <summary>What an invoke handler returns: the HTTP status and JSON body of the invoke response.</summary>
public sealed record InvokeResponse(int Status, object? Body = null);

/// <summary>Serializer settings for the wire: camelCase, case-insensitive reading, nulls omitted.</summary>
public static class ProtocolJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        MaxDepth = 64,
    };
}
