using System.Diagnostics;
using System.Text;

namespace SpasmBot.Safety;

/// <summary>One row of corpus/eval/safety.tsv: the tier a careful human expects, the message, and its split.</summary>
public sealed record LabelledMessage(SafetyTier Expected, string Text, string Split, int Line);

/// <summary>Reads a labelled set: <c>tier&lt;TAB&gt;message[&lt;TAB&gt;split]</c>; "#" lines are comments; tier "ordinary" = none.</summary>
public static class LabelledSafetySet
{
    public static IReadOnlyList<LabelledMessage> Read(string path)
    {
        var rows = new List<LabelledMessage>();
        var lineNo = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNo++;
            if (string.IsNullOrWhiteSpace(line) || line.StartsWith('#')) continue;
            var cols = line.Split('\t');
            if (lineNo == 1 && cols[0].Trim().Equals("tier", StringComparison.OrdinalIgnoreCase)) continue;
            if (cols.Length < 2 || cols[1].Trim().Length == 0)
                throw new InvalidDataException($"{path}:{lineNo}: expected 'tier<TAB>message[<TAB>split]'.");
            rows.Add(new LabelledMessage(ParseTier(cols[0], path, lineNo), cols[1].Trim(),
                cols.Length > 2 && cols[2].Trim().Length > 0 ? cols[2].Trim().ToLowerInvariant() : "dev", lineNo));
        }
        return rows;
    }

    public static SafetyTier ParseTier(string value, string path = "", int line = 0) => value.Trim().ToLowerInvariant() switch
    {
        "none" or "ordinary" or "normal" or "ok" => SafetyTier.None,
        "triage" => SafetyTier.Triage,
        "urgent" => SafetyTier.Urgent,
        "emergency" => SafetyTier.Emergency,
        "crisis" => SafetyTier.Crisis,
        var other => throw new InvalidDataException($"{path}:{line}: unknown tier '{other}' (none|ordinary|triage|urgent|emergency|crisis)."),
    };
}

public sealed record SafetyEvalRow(LabelledMessage Message, SafetyAssessment Detected)
{
    /// <summary>
    /// Emergency, crisis and urgent count as routed when the detected tier is at least as urgent (crisis ranks above
    /// emergency, and its reply carries the emergency number too); triage counts as checked when the tier is at least triage.
    /// </summary>
    public bool Routed => Message.Expected == SafetyTier.None
        ? Detected.Tier == SafetyTier.None
        : Detected.Tier >= Message.Expected;

    public bool FalseAlarm => Message.Expected == SafetyTier.None && Detected.Tier != SafetyTier.None;
}

/// <summary>The numbers of one evaluation run, and the printed report.</summary>
public sealed class SafetyEvalResult
{
    public required IReadOnlyList<SafetyEvalRow> Rows { get; init; }
    public double MessagesPerSecond { get; init; }

    public static readonly SafetyTier[] Tiers = [SafetyTier.Emergency, SafetyTier.Crisis, SafetyTier.Urgent, SafetyTier.Triage];

    public int Count(SafetyTier expected) => Rows.Count(r => r.Message.Expected == expected);
    public int RoutedCount(SafetyTier expected) => Rows.Count(r => r.Message.Expected == expected && r.Routed);
    public double Recall(SafetyTier expected) => Count(expected) == 0 ? 1 : (double)RoutedCount(expected) / Count(expected);
    public int FalseAlarms => Rows.Count(r => r.FalseAlarm);
    public double FalseAlarmRate => Count(SafetyTier.None) == 0 ? 0 : (double)FalseAlarms / Count(SafetyTier.None);

    /// <summary>100 % of emergency, crisis (and urgent) routed, every triage message checked, false alarms ≤ 5 %.</summary>
    public bool MeetsTargets => Tiers.All(t => Recall(t) >= 1.0) && FalseAlarmRate <= 0.05;

    public string Report(string title)
    {
        var sb = new StringBuilder();
        sb.AppendLine(title);
        sb.AppendLine($"{"expected",-10} {"n",5} {"routed",7} {"recall",8}");
        foreach (var tier in Tiers)
        {
            var label = tier == SafetyTier.Triage ? "checked" : "routed";
            sb.AppendLine($"{Name(tier),-10} {Count(tier),5} {RoutedCount(tier),7} {Recall(tier),8:P1}   ({label}: detected tier >= {Name(tier)})");
        }
        sb.AppendLine($"{"ordinary",-10} {Count(SafetyTier.None),5}   false alarms {FalseAlarms} ({FalseAlarmRate:P1})");
        sb.AppendLine();
        sb.AppendLine("confusion (rows: expected, columns: detected)");
        var all = new[] { SafetyTier.None, SafetyTier.Triage, SafetyTier.Urgent, SafetyTier.Emergency, SafetyTier.Crisis };
        sb.Append($"{"",-10}");
        foreach (var d in all) sb.Append($" {Name(d),9}");
        sb.AppendLine();
        foreach (var e in all)
        {
            if (Count(e) == 0) continue;
            sb.Append($"{Name(e),-10}");
            foreach (var d in all) sb.Append($" {Rows.Count(r => r.Message.Expected == e && r.Detected.Tier == d),9}");
            sb.AppendLine();
        }
        var misses = Rows.Where(r => r.Message.Expected != SafetyTier.None && !r.Routed).ToList();
        sb.AppendLine();
        sb.AppendLine($"misses ({misses.Count}):");
        foreach (var r in misses) sb.AppendLine(Line(r));
        var alarms = Rows.Where(r => r.FalseAlarm).ToList();
        sb.AppendLine($"false alarms ({alarms.Count}):");
        foreach (var r in alarms) sb.AppendLine(Line(r));
        sb.AppendLine();
        if (MessagesPerSecond > 0) sb.AppendLine($"speed: {MessagesPerSecond:N0} messages/s on one thread (rough: this build, this machine's load)");
        sb.AppendLine($"targets (100% emergency/crisis/urgent routed, 100% triage checked, false alarms <= 5%): {(MeetsTargets ? "MET" : "NOT MET")}");
        return sb.ToString();
    }

    private static string Line(SafetyEvalRow r)
    {
        var text = r.Message.Text.Length > 160 ? r.Message.Text[..157] + "..." : r.Message.Text;
        var signals = r.Detected.Signals.Count == 0 ? "-" : string.Join(", ", r.Detected.Signals);
        return $"  line {r.Message.Line} [{Name(r.Message.Expected)} -> {Name(r.Detected.Tier)}] {text}\n      signals: {signals}";
    }

    public static string Name(SafetyTier tier) => tier == SafetyTier.None ? "ordinary" : tier.ToString().ToLowerInvariant();
}

public static class SafetyEvaluator
{
    public static SafetyEvalResult Evaluate(ISafetyCheck check, IReadOnlyList<LabelledMessage> messages, bool measureSpeed = false)
    {
        var rows = messages.Select(m => new SafetyEvalRow(m, check.Assess(m.Text))).ToList();
        double perSecond = 0;
        if (measureSpeed && messages.Count > 0)
        {
            // A rough figure for the report; the real throughput target is measured by the benchmarks.
            var warm = Stopwatch.StartNew();
            while (warm.ElapsedMilliseconds < 300) foreach (var m in messages) check.Assess(m.Text);
            var watch = Stopwatch.StartNew();
            long done = 0;
            while (watch.ElapsedMilliseconds < 300)
            {
                foreach (var m in messages) check.Assess(m.Text);
                done += messages.Count;
            }
            perSecond = done / watch.Elapsed.TotalSeconds;
        }
        return new SafetyEvalResult { Rows = rows, MessagesPerSecond = perSecond };
    }
}
