using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Options;

namespace SpasmBot.Knowledge;

/// <summary>
/// `eval`: answer quality on the labelled set (P@1, MRR@5, no-answer precision and recall, misses by topic),
/// and with --sweep the threshold grid the configured thresholds were chosen from. Other capabilities may
/// add subcommands (e.g. `eval safety`) to the returned command.
/// </summary>
public static class EvalCommand
{
    private static readonly double[] NoAnswerGrid = [.. Enumerable.Range(0, 25).Select(i => Math.Round(0.20 + i * 0.025, 3))];
    private static readonly double[] MarginGrid = [0, 0.02, 0.04, 0.06, 0.08, 0.10];

    public static Command Create(IServiceProvider services)
    {
        var setOption = new Option<FileInfo?>("--set")
        {
            Description = "Labelled questions (TSV: expected phrases, question). Default: corpus/eval/questions.tsv",
        };
        var sweepOption = new Option<bool>("--sweep") { Description = "Print the threshold sweep and the thresholds it picks" };
        var tuneOption = new Option<bool>("--tune") { Description = "Also try other scoring weights (slow); prints the best per training utility" };
        var explainOption = new Option<string?>("--explain") { Description = "Show how one question is analysed and scored instead" };
        var command = new Command("eval", "Measure answer quality on a labelled question set");
        command.Options.Add(setOption);
        command.Options.Add(sweepOption);
        command.Options.Add(explainOption);
        command.Options.Add(tuneOption);
        command.SetAction(parseResult =>
        {
            if (parseResult.GetValue(explainOption) is { } question)
            {
                Explain(services.GetRequiredService<KnowledgeBase>(), question, Console.Out);
                return 0;
            }
            var path = parseResult.GetValue(setOption)?.FullName ?? DefaultSetPath(services);
            var code = Run(services, path, parseResult.GetValue(sweepOption), Console.Out);
            if (code == 0 && parseResult.GetValue(tuneOption))
            {
                Tune(services.GetRequiredService<KnowledgeBase>(), EvalSet.Load(path), Console.Out);
            }
            return code;
        });
        return command;
    }

    public static string DefaultSetPath(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<KnowledgeOptions>>().Value;
        return Path.Combine(CorpusLocator.Resolve(options.CorpusPath), "eval", "questions.tsv");
    }

    public static int Run(IServiceProvider services, string setPath, bool sweep, TextWriter output)
    {
        EvalSet set;
        try
        {
            set = EvalSet.Load(setPath);
        }
        catch (Exception ex) when (ex is IOException or FormatException)
        {
            Console.Error.WriteLine(ex.Message);
            return 2;
        }
        var knowledge = services.GetRequiredService<KnowledgeBase>();
        knowledge.EnsureLoaded();
        var unresolved = set.Questions.SelectMany(q => q.ExpectedPhrases)
            .Distinct().Where(p => !knowledge.Entries.Any(e => EvalSet.Contains(e, p))).ToList();
        var evaluator = new Evaluator(knowledge);
        evaluator.Rank(set.Questions);

        var options = knowledge.Options;
        var training = set.Questions.Where(q => !q.IsValidation).ToList();
        var validation = set.Questions.Where(q => q.IsValidation).ToList();
        var all = evaluator.Outcomes(set.Questions, options.NoAnswerBelow, options.ClarifyMargin);

        output.WriteLine(Invariant($"Answer quality on {setPath}"));
        output.WriteLine(Invariant($"{knowledge.Entries.Count} entries; thresholds: no-answer below {options.NoAnswerBelow:0.###}, clarify margin {options.ClarifyMargin:0.###}"));
        output.WriteLine();
        output.WriteLine("All questions:");
        output.Write(Evaluator.Summary(Evaluator.Score(all)));
        output.WriteLine(Invariant($"Training split ({training.Count} questions):"));
        output.Write(Evaluator.Summary(Evaluator.Score(all.Where(o => !o.Question.IsValidation).ToList())));
        output.WriteLine(Invariant($"Validation split ({validation.Count} questions, held out when choosing thresholds):"));
        output.Write(Evaluator.Summary(Evaluator.Score(all.Where(o => o.Question.IsValidation).ToList())));
        output.WriteLine();
        WriteMisses(output, knowledge, all);
        if (unresolved.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("Labels that match no entry (fix the label or the corpus):");
            foreach (var phrase in unresolved)
            {
                output.WriteLine($"  \"{phrase}\"");
            }
        }
        if (sweep)
        {
            output.WriteLine();
            WriteSweep(output, evaluator, training, validation);
        }
        return 0;
    }

    public static void Explain(KnowledgeBase knowledge, string question, TextWriter output)
    {
        var query = knowledge.Analyze(question);
        output.WriteLine($"groups: {string.Join(" | ", query.Groups.Select(g => g.Surface))}");
        output.WriteLine($"fts5:   {query.FtsQuery}");
        var result = knowledge.Ask(question);
        output.WriteLine($"route:  {RouteName(result.Outcome)}");
        foreach (var candidate in result.Candidates)
        {
            output.WriteLine(Invariant($"  {candidate.Score:0.000}  {candidate.Entry.Question}  [{candidate.Entry.Id}]"));
        }
    }

    private static void WriteMisses(TextWriter output, KnowledgeBase knowledge, List<EvalOutcome> outcomes)
    {
        var misses = outcomes.Where(o => o.Question.IsOffTopic
                ? o.Result.Outcome != AnswerOutcome.NoAnswer
                : o.Result.Outcome == AnswerOutcome.NoAnswer || o.RightRank != 1)
            .GroupBy(o => TopicOf(knowledge, o.Question))
            .OrderBy(g => g.Key, StringComparer.Ordinal);
        var totals = outcomes.GroupBy(o => TopicOf(knowledge, o.Question)).ToDictionary(g => g.Key, g => g.Count());
        output.WriteLine("Misses by topic:");
        var any = false;
        foreach (var group in misses)
        {
            any = true;
            output.WriteLine(Invariant($"  {group.Key}: {group.Count()} of {totals[group.Key]} missed"));
            foreach (var miss in group)
            {
                var expected = miss.Question.IsOffTopic
                    ? "no-answer"
                    : string.Join(" / ", knowledge.Entries.Where(e => EvalSet.IsRight(e, miss.Question)).Select(e => $"\"{e.Question}\"").Distinct().Take(3));
                var best = miss.Result.Best;
                var got = best is null
                    ? RouteName(miss.Result.Outcome)
                    : Invariant($"{RouteName(miss.Result.Outcome)} \"{best.Entry.Question}\" ({best.Score:0.00})");
                output.WriteLine(Invariant($"    line {miss.Question.Line}: \"{miss.Question.Question}\""));
                output.WriteLine($"      expected: {expected}");
                output.WriteLine(Invariant($"      got:      {got}{(miss.RightRank > 1 ? $"; right entry at rank {miss.RightRank}" : "")}"));
            }
        }
        if (!any)
        {
            output.WriteLine("  none");
        }
    }

    /// <summary>Tries scoring weights; for each, the best thresholds on the training split and how they do on validation.</summary>
    private static void Tune(KnowledgeBase knowledge, EvalSet set, TextWriter output)
    {
        var training = set.Questions.Where(q => !q.IsValidation).ToList();
        var validation = set.Questions.Where(q => q.IsValidation).ToList();
        var results = new List<(string Name, double Train, double Valid, EvalScore TrainScore, EvalScore ValidScore)>();
        foreach (var credit in new[] { 0.5, 0.65, 0.8 })
        foreach (var fit in new[] { 0.2, 0.4, 0.6 })
        foreach (var unknown in new[] { 0.5, 0.75, 1.0 })
        foreach (var bm25 in new[] { 0.0, 0.15 })
        {
            var o = knowledge.Options;
            var scoring = new SearchOptions
            {
                QuestionWeight = o.QuestionWeight, AlternatesWeight = o.AlternatesWeight, AnswerWeight = o.AnswerWeight, SectionWeight = o.SectionWeight,
                MaxQueryTerms = o.MaxQueryTerms, CandidatePool = o.CandidatePool, MaxCandidates = o.MaxCandidates, TruncatedPenalty = o.TruncatedPenalty,
                MaxClarifyOptions = o.MaxClarifyOptions, AnswerMatchCredit = credit, QuestionFitWeight = fit, UnknownTermWeight = unknown, Bm25Weight = bm25,
            };
            var evaluator = new Evaluator(knowledge, scoring);
            evaluator.Rank(set.Questions);
            var best = NoAnswerGrid.SelectMany(n => MarginGrid.Select(m => (n, m, Score: Evaluator.Score(evaluator.Outcomes(training, n, m)))))
                .OrderByDescending(r => Math.Round(r.Score.Utility, 6)).ThenBy(r => r.n).ThenBy(r => r.m).First();
            var valid = Evaluator.Score(evaluator.Outcomes(validation, best.n, best.m));
            results.Add((Invariant($"credit {credit} fit {fit} unknown {unknown} bm25 {bm25} -> no-answer {best.n:0.000} margin {best.m:0.00}"),
                best.Score.Utility, valid.Utility, best.Score, valid));
        }
        output.WriteLine();
        output.WriteLine("Scoring weights by training utility (validation utility, P@1 and no-answer recall beside):");
        foreach (var r in results.OrderByDescending(r => r.Train).Take(15))
        {
            output.WriteLine(Invariant($"  {r.Name}: train {r.Train:0.0} P@1 {Evaluator.Percent(r.TrainScore.PrecisionAt1)} NA-recall {Evaluator.Percent(r.TrainScore.NoAnswerRecall)} | valid {r.Valid:0.0} P@1 {Evaluator.Percent(r.ValidScore.PrecisionAt1)} NA-recall {Evaluator.Percent(r.ValidScore.NoAnswerRecall)}"));
        }
    }

    private static void WriteSweep(TextWriter output, Evaluator evaluator, List<EvalQuestion> training, List<EvalQuestion> validation)
    {
        output.WriteLine("Threshold sweep on the training split (utility: +1 right answer or declined off-topic, +0.6 clarify with the right entry first, -0.5 other clarify, -1 wrong answer):");
        output.WriteLine("  no-answer-below  clarify-margin  utility   P@1      NA-recall  NA-precision  wrong  clarify");
        var rows = new List<(double NoAnswer, double Margin, EvalScore Score)>();
        foreach (var noAnswer in NoAnswerGrid)
        {
            foreach (var margin in MarginGrid)
            {
                var score = Evaluator.Score(evaluator.Outcomes(training, noAnswer, margin));
                rows.Add((noAnswer, margin, score));
            }
        }
        foreach (var row in rows.Where(r => r.Margin == 0.04 || r.NoAnswer * 1000 % 50 == 0))
        {
            var s = row.Score;
            output.WriteLine(Invariant($"  {row.NoAnswer,15:0.000}  {row.Margin,14:0.00}  {s.Utility,7:0.0}   {Evaluator.Percent(s.PrecisionAt1),7}  {Evaluator.Percent(s.NoAnswerRecall),9}  {Evaluator.Percent(s.NoAnswerPrecision),12}  {s.AnsweredWrong,5}  {s.ClarifiedRight + s.ClarifiedWrong,7}"));
        }
        var ranked = evaluator.Outcomes(training, 0, 0);
        output.WriteLine();
        output.WriteLine("Best confidence of each off-topic question (training): " + string.Join(" ", ranked.Where(o => o.Question.IsOffTopic)
            .Select(o => o.Result.Best?.Score ?? 0).OrderDescending().Select(v => v.ToString("0.00", CultureInfo.InvariantCulture))));
        output.WriteLine("Lowest confidences of a right first answer (training): " + string.Join(" ", ranked.Where(o => o.RightRank == 1)
            .Select(o => o.Result.Best!.Score).Order().Take(30).Select(v => v.ToString("0.00", CultureInfo.InvariantCulture))));
        // Ties go to the lower no-answer threshold and the smaller margin (fewer needless refusals and questions back).
        var best = rows.OrderByDescending(r => Math.Round(r.Score.Utility, 6)).ThenBy(r => r.NoAnswer).ThenBy(r => r.Margin).First();
        output.WriteLine();
        output.WriteLine(Invariant($"Best on training: no-answer below {best.NoAnswer:0.000}, clarify margin {best.Margin:0.00} (utility {best.Score.Utility:0.0})"));
        output.Write(Evaluator.Summary(best.Score));
        output.WriteLine("Same thresholds on the validation split:");
        output.Write(Evaluator.Summary(Evaluator.Score(evaluator.Outcomes(validation, best.NoAnswer, best.Margin))));
    }

    private static string TopicOf(KnowledgeBase knowledge, EvalQuestion question)
    {
        if (question.IsOffTopic)
        {
            return "(off-topic)";
        }
        var entry = knowledge.Entries.FirstOrDefault(e => EvalSet.IsRight(e, question));
        return entry is null ? "(unresolved label)" : string.IsNullOrEmpty(entry.Topic) ? "(no topic)" : entry.Topic;
    }

    internal static string RouteName(AnswerOutcome outcome) => outcome switch
    {
        AnswerOutcome.Answer => "answer",
        AnswerOutcome.Clarify => "clarify",
        _ => "no-answer",
    };

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
