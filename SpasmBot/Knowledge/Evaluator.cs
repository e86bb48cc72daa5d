using System.Globalization;
using System.Text;

namespace SpasmBot.Knowledge;

/// <summary>Answer-quality numbers for one pair of thresholds over a set of labelled questions.</summary>
public sealed record EvalScore(
    int Answerable, int OffTopic,
    int TopRight, int AnsweredRight, int ClarifiedRight, int AnsweredWrong, int ClarifiedWrong, int MissedAsNoAnswer,
    double ReciprocalRankSum, int OffTopicDeclined, int NoAnswerRoutes, double Utility)
{
    /// <summary>The first candidate is right and the bot did not decline.</summary>
    public double PrecisionAt1 => Ratio(AnsweredRight + ClarifiedRight, Answerable);
    public double Mrr5 => Answerable == 0 ? 0 : ReciprocalRankSum / Answerable;
    public double NoAnswerPrecision => Ratio(OffTopicDeclined, NoAnswerRoutes);
    public double NoAnswerRecall => Ratio(OffTopicDeclined, OffTopic);

    private static double Ratio(int a, int b) => b == 0 ? 0 : (double)a / b;
}

/// <summary>What happened to one labelled question.</summary>
public sealed record EvalOutcome(EvalQuestion Question, AnswerResult Result, int RightRank);

/// <summary>Runs the labelled set through the knowledge base and scores it; can re-score with other thresholds.</summary>
public sealed class Evaluator(KnowledgeBase knowledge, SearchOptions? scoring = null)
{
    private readonly Dictionary<EvalQuestion, IReadOnlyList<AnswerCandidate>> _ranked = [];
    private readonly SearchOptions _scoring = scoring ?? knowledge.Options;

    public void Rank(IEnumerable<EvalQuestion> questions)
    {
        foreach (var question in questions)
        {
            _ranked[question] = knowledge.Rank(question.Question, _scoring);
        }
    }

    public List<EvalOutcome> Outcomes(IEnumerable<EvalQuestion> questions, double noAnswerBelow, double clarifyMargin)
    {
        var outcomes = new List<EvalOutcome>();
        foreach (var question in questions)
        {
            if (!_ranked.TryGetValue(question, out var ranked))
            {
                ranked = _ranked[question] = knowledge.Rank(question.Question, _scoring);
            }
            var result = AnswerSelector.Decide(ranked, noAnswerBelow, clarifyMargin, knowledge.Options);
            var rank = 0;
            if (!question.IsOffTopic)
            {
                for (var i = 0; i < Math.Min(5, result.Candidates.Count); i++)
                {
                    if (EvalSet.IsRight(result.Candidates[i].Entry, question))
                    {
                        rank = i + 1;
                        break;
                    }
                }
            }
            outcomes.Add(new EvalOutcome(question, result, rank));
        }
        return outcomes;
    }

    /// <summary>
    /// Scores outcomes. Utility, used to pick thresholds: +1 right answer or declined off-topic question,
    /// +0.6 a clarify offering the right entry first, -0.5 any other clarify, -1 a wrong answer, 0 declining a
    /// question the bot could have answered (honest but unhelpful).
    /// </summary>
    public static EvalScore Score(IReadOnlyList<EvalOutcome> outcomes)
    {
        int answerable = 0, offTopic = 0, topRight = 0, answeredRight = 0, clarifiedRight = 0, answeredWrong = 0,
            clarifiedWrong = 0, missed = 0, declined = 0, noAnswerRoutes = 0;
        double rrSum = 0, utility = 0;
        foreach (var o in outcomes)
        {
            var outcome = o.Result.Outcome;
            if (outcome == AnswerOutcome.NoAnswer)
            {
                noAnswerRoutes++;
            }
            if (o.Question.IsOffTopic)
            {
                offTopic++;
                switch (outcome)
                {
                    case AnswerOutcome.NoAnswer: declined++; utility += 1; break;
                    case AnswerOutcome.Clarify: utility -= 0.5; break;
                    default: utility -= 1; break;
                }
                continue;
            }
            answerable++;
            if (o.RightRank > 0)
            {
                rrSum += 1.0 / o.RightRank;
            }
            if (o.RightRank == 1)
            {
                topRight++;
            }
            switch (outcome)
            {
                case AnswerOutcome.NoAnswer:
                    missed++;
                    break;
                case AnswerOutcome.Answer when o.RightRank == 1:
                    answeredRight++; utility += 1; break;
                case AnswerOutcome.Answer:
                    answeredWrong++; utility -= 1; break;
                case AnswerOutcome.Clarify when o.RightRank == 1:
                    clarifiedRight++; utility += 0.6; break;
                default:
                    clarifiedWrong++; utility -= 0.5; break;
            }
        }
        return new EvalScore(answerable, offTopic, topRight, answeredRight, clarifiedRight, answeredWrong, clarifiedWrong,
            missed, rrSum, declined, noAnswerRoutes, utility);
    }

    public static string Percent(double value) => (value * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %";

    public static string Summary(EvalScore s)
    {
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"  answerable questions: {s.Answerable}, off-topic questions: {s.OffTopic}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"  P@1:                  {Percent(s.PrecisionAt1)}  (right entry first and not declined; {s.AnsweredRight} answered, {s.ClarifiedRight} offered first in a clarify)");
        sb.AppendLine(CultureInfo.InvariantCulture, $"  MRR@5:                {s.Mrr5.ToString("0.000", CultureInfo.InvariantCulture)}  (ranking only; right entry first regardless of route: {s.TopRight})");
        sb.AppendLine(CultureInfo.InvariantCulture, $"  no-answer precision:  {Percent(s.NoAnswerPrecision)}  ({s.OffTopicDeclined} of {s.NoAnswerRoutes} declined questions were off-topic)");
        sb.AppendLine(CultureInfo.InvariantCulture, $"  no-answer recall:     {Percent(s.NoAnswerRecall)}  ({s.OffTopicDeclined} of {s.OffTopic} off-topic questions declined)");
        sb.AppendLine(CultureInfo.InvariantCulture, $"  wrong answers:        {s.AnsweredWrong} answered wrong, {s.ClarifiedWrong} clarify without the right entry first, {s.MissedAsNoAnswer} answerable declined");
        return sb.ToString();
    }
}
