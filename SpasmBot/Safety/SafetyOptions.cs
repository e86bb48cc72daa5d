namespace SpasmBot.Safety;

/// <summary>The "Safety" section of appsettings.json.</summary>
public sealed class SafetyOptions
{
    public const string Section = "Safety";

    /// <summary>Folder of red-flags.yaml, cues.yaml, triage-checklist.yaml and replies.yaml (found relative to the repository).</summary>
    public string DataDirectory { get; set; } = "corpus/safety";
    public string DefaultLocale { get; set; } = "en-US";
    /// <summary>Emergency number, crisis line and urgent-care advice per locale, e.g. "en-US", "en-GB".</summary>
    public Dictionary<string, SafetyLocale> Locales { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}

/// <summary>Where to send people in one locale. Placeholders of the same names fill replies.yaml.</summary>
public sealed class SafetyLocale
{
    public string Locale { get; set; } = "";
    /// <summary>Language of the texts in replies.yaml and triage-checklist.yaml, e.g. "en".</summary>
    public string Language { get; set; } = "en";
    public string EmergencyNumber { get; set; } = "";
    /// <summary>"emergency room" (US) or "A&amp;E" (UK).</summary>
    public string EmergencyDepartment { get; set; } = "emergency department";
    public string CrisisLine { get; set; } = "";
    public string CrisisLineName { get; set; } = "";
    /// <summary>Optional text line, e.g. "Text 988".</summary>
    public string CrisisText { get; set; } = "";
    public string CrisisTextNumber { get; set; } = "";
    public string CrisisUrl { get; set; } = "";
    /// <summary>Same-day advice, e.g. "contact your doctor today or go to an urgent care clinic".</summary>
    public string UrgentCareText { get; set; } = "";
    public string UrgentCareName { get; set; } = "";
    /// <summary>Optional phone number of the urgent-care service (NHS 111).</summary>
    public string UrgentCareNumber { get; set; } = "";
    public string UrgentCareUrl { get; set; } = "";
}
