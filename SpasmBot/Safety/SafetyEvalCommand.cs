using System.CommandLine;

namespace SpasmBot.Safety;

/// <summary><c>eval safety</c>: runs the red-flag check over a labelled set and prints recall, false alarms and every miss.</summary>
public static class SafetyEvalCommand
{
    public static Command Create(IServiceProvider services)
    {
        var set = new Option<string>("--set")
        {
            Description = "Labelled set: tier<TAB>message[<TAB>split] (default corpus/eval/safety.tsv).",
            DefaultValueFactory = _ => "corpus/eval/safety.tsv",
        };
        var split = new Option<string>("--split")
        {
            Description = "Which rows: dev, holdout or all (reported separately).",
            DefaultValueFactory = _ => "all",
        };
        split.AcceptOnlyFromAmong("dev", "holdout", "all");
        var command = new Command("safety", "Recall per tier, false alarms and every miss of the red-flag check on a labelled set.")
        {
            set,
            split,
        };
        command.SetAction(parse =>
        {
            string path;
            IReadOnlyList<LabelledMessage> rows;
            try
            {
                path = SafetyDataFiles.Locate(parse.GetValue(set)!);
                rows = LabelledSafetySet.Read(path);
            }
            catch (Exception e) when (e is IOException or InvalidDataException)
            {
                Console.Error.WriteLine($"eval safety: {e.Message}");
                return 2;
            }
            var check = services.GetRequiredService<ISafetyCheck>();
            var which = parse.GetValue(split)!;
            var splits = which == "all" ? rows.Select(r => r.Split).Distinct().Order().ToList() : [which];
            foreach (var s in splits)
            {
                var subset = rows.Where(r => r.Split == s).ToList();
                var result = SafetyEvaluator.Evaluate(check, subset, measureSpeed: s == splits[0]);
                Console.WriteLine(result.Report($"== eval safety: {path} [{s}] {subset.Count} messages"));
            }
            return 0;
        });
        return command;
    }
}
