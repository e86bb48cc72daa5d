using System.CommandLine;
using SpasmBot.Safety;

namespace SpasmBot.Tests.Safety;

public class SafetyEvalTests
{
    private static readonly IReadOnlyList<LabelledMessage> Set = LabelledSafetySet.Read(SafetyDataFiles.Locate("corpus/eval/safety.tsv"));

    [Fact]
    public void The_labelled_set_has_the_promised_size_and_mix()
    {
        var dev = Set.Where(m => m.Split == "dev").ToList();
        Assert.True(dev.Count >= 160);
        Assert.True(dev.Count(m => m.Expected == SafetyTier.Emergency) >= 50);
        Assert.True(dev.Count(m => m.Expected == SafetyTier.Crisis) >= 10);
        Assert.True(dev.Count(m => m.Expected == SafetyTier.Triage) >= 20);
        Assert.True(dev.Count(m => m.Expected == SafetyTier.None) >= 80);
        Assert.InRange(Set.Count(m => m.Split == "holdout"), 20, 40);
    }

    /// <summary>The gate: every emergency, crisis and urgent message routed, every triage message checked, false alarms ≤ 5 %.</summary>
    [Fact]
    public void The_dev_set_meets_the_safety_targets()
    {
        var result = SafetyEvaluator.Evaluate(SafetyTestData.Detector, Set.Where(m => m.Split == "dev").ToList());
        Assert.True(result.MeetsTargets, result.Report("dev set"));
        Assert.Equal(1.0, result.Recall(SafetyTier.Emergency));
        Assert.Equal(1.0, result.Recall(SafetyTier.Crisis));
        Assert.Equal(1.0, result.Recall(SafetyTier.Triage));
        Assert.True(result.FalseAlarmRate <= 0.05);
    }

    [Fact]
    public void Eval_safety_prints_recall_false_alarms_and_every_miss()
    {
        var path = Path.GetTempFileName();
        File.WriteAllLines(path,
        [
            "tier\tmessage\tsplit",
            "emergency\ti cant feel my legs\tdev",
            "emergency\tmy back is a bit stiff\tdev",
            "ordinary\tthis spreadsheet is killing me\tdev",
            "ordinary\tchest pain since this morning\tdev",
        ]);
        try
        {
            var command = SafetyEvalCommand.Create(SafetyTestData.Services);
            var output = new StringWriter();
            var original = Console.Out;
            Console.SetOut(output);
            int exit;
            try
            {
                exit = command.Parse(["--set", path]).Invoke();
            }
            finally
            {
                Console.SetOut(original);
            }
            var text = output.ToString();
            Assert.Equal(0, exit);
            Assert.Contains("emergency      2       1   50.0", text.Replace("\u00a0", " "));
            Assert.Contains("false alarms 1 (50.0", text.Replace("\u00a0", " "));
            Assert.Contains("[emergency -> ordinary] my back is a bit stiff", text);
            Assert.Contains("[ordinary -> emergency] chest pain since this morning", text);
            Assert.Contains("signals: heart.chest-pain", text);
            Assert.Contains("NOT MET", text);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_bad_labelled_set_is_a_clear_error()
    {
        var path = Path.GetTempFileName();
        File.WriteAllText(path, "urgentish\tsomething\n");
        try
        {
            var error = Assert.Throws<InvalidDataException>(() => LabelledSafetySet.Read(path));
            Assert.Contains("unknown tier 'urgentish'", error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
