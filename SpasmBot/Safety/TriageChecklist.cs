namespace SpasmBot.Safety;

/// <summary>
/// The red-flag yes/no questions asked when a message is borderline (tier Triage), from
/// corpus/safety/triage-checklist.yaml. A "yes" to any question routes to that question's tier
/// (Emergency or Urgent); all "no" means the original question can be answered.
/// </summary>
public sealed class TriageChecklist
{
    private readonly TriageChecklistFile _file;
    private readonly SafetyLocaleSettings _locales;

    public TriageChecklist(TriageChecklistFile file, SafetyLocaleSettings locales)
    {
        _file = file;
        _locales = locales;
        foreach (var (language, text) in file.Languages)
        {
            if (text.Questions.Count is < 1 or > 6)
                throw new InvalidDataException($"triage-checklist.yaml: '{language}' needs 1 to 6 questions.");
            if (text.Questions.Select(q => q.Id).Distinct().Count() != text.Questions.Count || text.Questions.Any(q => q.Id.Length == 0))
                throw new InvalidDataException($"triage-checklist.yaml: '{language}' question ids must be unique and set.");
            if (text.Questions.Any(q => q.YesTier is not (SafetyTier.Emergency or SafetyTier.Urgent)))
                throw new InvalidDataException($"triage-checklist.yaml: '{language}': yes_tier must be emergency or urgent.");
        }
    }

    /// <summary>The checklist texts in the locale's language: Intro, Questions, Yes/No button labels, AllNo.</summary>
    public TriageChecklistText For(string? locale = null)
    {
        var language = _locales.Resolve(locale).Language;
        return LanguageTexts.Pick(_file.Languages, language);
    }

    /// <summary>The questions in order (ids are the same in every language).</summary>
    public IReadOnlyList<TriageQuestion> Questions(string? locale = null) => For(locale).Questions;

    /// <summary>The first question not answered yet, or null when all are answered.</summary>
    public TriageQuestion? Next(IReadOnlyDictionary<string, bool> answers, string? locale = null) =>
        For(locale).Questions.FirstOrDefault(q => !answers.ContainsKey(q.Id));

    /// <summary>
    /// Where the answers so far lead: the highest tier of any "yes" (ask no more questions then), or None when
    /// every answer so far is "no". Unknown ids are ignored.
    /// </summary>
    public SafetyTier Route(IReadOnlyDictionary<string, bool> answers)
    {
        var tier = SafetyTier.None;
        foreach (var q in For().Questions)
        {
            if (answers.TryGetValue(q.Id, out var yes) && yes && q.YesTier > tier) tier = q.YesTier;
        }
        return tier;
    }

    /// <summary>A typed answer: true for "yes"/"yep"…, false for "no"/"nope"…, null when it is neither.</summary>
    public bool? ParseAnswer(string? text, string? locale = null)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var words = For(locale);
        var t = new string(text.Trim().ToLowerInvariant().Where(c => !char.IsPunctuation(c)).ToArray()).Trim();
        if (words.YesWords.Contains(t)) return true;
        if (words.NoWords.Contains(t)) return false;
        return null;
    }
}
