using System.Text.Json;

namespace SpasmBot.Conversation;

/// <summary>
/// The data of an Adaptive Card button press (Action.Submit), which Web Chat and Teams send as the
/// message's <c>value</c>: feedback on an answer, a picked question, or a yes/no answer.
/// </summary>
public sealed record CardSubmit(string Action, string? FaqId, bool? Helpful, bool? Answer)
{
    public const string FeedbackAction = "feedback";
    public const string ChooseAction = "choose";
    public const string YesNoAction = "yesno";

    public static CardSubmit? Read(JsonElement? value)
    {
        if (value is not { ValueKind: JsonValueKind.Object } obj)
        {
            return null;
        }
        var action = Str(obj, "action");
        if (action is null)
        {
            return null;
        }
        return new CardSubmit(action, Str(obj, "faqId"), Bool(obj, "helpful"), action == YesNoAction ? Bool(obj, "answer") : null);
    }

    private static string? Str(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;

    private static bool? Bool(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var p) ? p.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.String when bool.TryParse(p.GetString(), out var b) => b,
            _ => null,
        } : null;
}
