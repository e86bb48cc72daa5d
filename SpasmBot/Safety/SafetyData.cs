using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace SpasmBot.Safety;

/// <summary>corpus/safety/red-flags.yaml: the rules, and the contexts some rules need alongside them.</summary>
public sealed class RedFlagFile
{
    /// <summary>Named phrase lists a rule can require (<see cref="RedFlagRule.With"/>), e.g. "older", "fever".</summary>
    public Dictionary<string, List<string>> Contexts { get; set; } = [];
    public List<RedFlagRule> Rules { get; set; } = [];
}

public sealed class RedFlagRule
{
    /// <summary>The signal reported when the rule fires, e.g. "cauda-equina.bladder".</summary>
    public string Id { get; set; } = "";
    public SafetyTier Tier { get; set; }
    public List<string> Patterns { get; set; } = [];
    /// <summary>Contexts that must also be present in the message (not negated, not in the past).</summary>
    public List<string> With { get; set; } = [];
    /// <summary>Lower the tier when one of these contexts is present (e.g. numb bottom "from sitting" → triage).</summary>
    public RedFlagSoften? Soften { get; set; }
    /// <summary>"drop" (default): a past or resolved mention does not fire. "keep": it still does (cancer history, crisis).</summary>
    public string Past { get; set; } = "drop";
    /// <summary>"lower" (default): a topic question or hypothetical fires triage if the person may mean themselves, else nothing. "keep": no change. "drop": it never fires. "topic": only an impersonal topic question stops it.</summary>
    public string Irrealis { get; set; } = "lower";
}

public sealed class RedFlagSoften
{
    public List<string> When { get; set; } = [];
    public SafetyTier Tier { get; set; } = SafetyTier.Triage;
}

/// <summary>corpus/safety/cues.yaml: word classes, spelling repairs and the context cues around a finding.</summary>
public sealed class SafetyCueFile
{
    public Dictionary<string, List<string>> Classes { get; set; } = [];
    public Dictionary<string, string> Spelling { get; set; } = [];
    /// <summary>Two words written apart that mean one word ("my self" → "myself").</summary>
    public Dictionary<string, string> Joins { get; set; } = [];
    /// <summary>Words that end a clause ("but", "however"): negation and hypotheticals stop there.</summary>
    public List<string> ClauseBreaks { get; set; } = [];
    public List<string> Negation { get; set; } = [];
    /// <summary>Look like negation but are not ("not sure", "dont know").</summary>
    public List<string> PseudoNegation { get; set; } = [];
    /// <summary>Negation after the finding ("… is fine", "… gone").</summary>
    public List<string> NegationAfter { get; set; } = [];
    /// <summary>Words that end a negation's reach inside a clause ("i", "now").</summary>
    public List<string> NegationTerminators { get; set; } = [];
    public int NegationWindow { get; set; } = 6;
    public List<string> Topic { get; set; } = [];
    /// <summary>Look like a topic question but are not ("whats wrong with me").</summary>
    public List<string> PseudoTopic { get; set; } = [];
    public List<string> Hypothetical { get; set; } = [];
    /// <summary>How-to questions and on-and-off symptoms: an emergency or urgent finding after them becomes triage.</summary>
    public List<string> Softeners { get; set; } = [];
    /// <summary>Reported advice ("told to watch out for numbness"): the finding after it never fires.</summary>
    public List<string> Reported { get; set; } = [];
    public List<string> SelfReference { get; set; } = [];
    public List<string> Past { get; set; } = [];
    public List<string> PastWeak { get; set; } = [];
    public List<string> Ongoing { get; set; } = [];
    public List<string> Resolved { get; set; } = [];
    public List<string> Figurative { get; set; } = [];
}

/// <summary>corpus/safety/triage-checklist.yaml.</summary>
public sealed class TriageChecklistFile
{
    /// <summary>By language ("en").</summary>
    public Dictionary<string, TriageChecklistText> Languages { get; set; } = [];
}

public sealed class TriageChecklistText
{
    public string Intro { get; set; } = "";
    public string Yes { get; set; } = "Yes";
    public string No { get; set; } = "No";
    public string AllNo { get; set; } = "";
    /// <summary>Typed answers understood as yes / no when the channel shows no buttons.</summary>
    public List<string> YesWords { get; set; } = [];
    public List<string> NoWords { get; set; } = [];
    public List<TriageQuestion> Questions { get; set; } = [];
}

/// <summary>One yes/no question of the triage checklist; a "yes" routes to <see cref="YesTier"/>.</summary>
public sealed class TriageQuestion
{
    public string Id { get; set; } = "";
    public string Text { get; set; } = "";
    public SafetyTier YesTier { get; set; } = SafetyTier.Emergency;
}

/// <summary>corpus/safety/replies.yaml: per language ("en"), the routing message of each tier and the button titles.</summary>
public sealed class SafetyRepliesFile
{
    public Dictionary<string, SafetyReplyLanguage> Languages { get; set; } = [];
}

public sealed class SafetyReplyLanguage
{
    public string NotADoctor { get; set; } = "";
    /// <summary>Button titles by action name: emergency, crisis, crisis_text, urgent_care_call, urgent_care_link.</summary>
    public Dictionary<string, string> Buttons { get; set; } = [];
    /// <summary>By tier name: emergency, crisis, urgent.</summary>
    public Dictionary<string, SafetyReplyText> Tiers { get; set; } = [];
}

public sealed class SafetyReplyText
{
    public string Headline { get; set; } = "";
    public List<string> Lines { get; set; } = [];
    /// <summary>Button names, in order; a button whose number or link the locale lacks is left out.</summary>
    public List<string> Actions { get; set; } = [];
}

/// <summary>Reads the safety data files from <see cref="SafetyOptions.DataDirectory"/>.</summary>
public static class SafetyDataFiles
{
    private static readonly IDeserializer Yaml = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .WithEnumNamingConvention(LowerCaseNamingConvention.Instance)
        .Build();

    public static T Read<T>(string directory, string fileName)
    {
        var path = Path.Combine(directory, fileName);
        if (!File.Exists(path)) throw new FileNotFoundException($"Safety data file missing: {path}", path);
        try
        {
            return Yaml.Deserialize<T>(File.ReadAllText(path)) ?? throw new InvalidDataException($"{path} is empty.");
        }
        catch (YamlDotNet.Core.YamlException e)
        {
            throw new InvalidDataException($"{path}: {e.Message}", e);
        }
    }

    /// <summary>
    /// Finds a data folder given relative to the repository (e.g. "corpus/safety"): tried from the working directory,
    /// the content root and the app's folder, and each of their parents, so both `dotnet run` and tests find it.
    /// </summary>
    public static string Locate(string relativeOrAbsolute, string? contentRoot = null)
    {
        if (Path.IsPathRooted(relativeOrAbsolute)) return relativeOrAbsolute;
        foreach (var start in new[] { Directory.GetCurrentDirectory(), contentRoot, AppContext.BaseDirectory })
        {
            for (var dir = start is null ? null : new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, relativeOrAbsolute);
                if (Directory.Exists(candidate) || File.Exists(candidate)) return candidate;
            }
        }
        throw new DirectoryNotFoundException($"Could not find '{relativeOrAbsolute}' above {Directory.GetCurrentDirectory()} or {AppContext.BaseDirectory}.");
    }
}
