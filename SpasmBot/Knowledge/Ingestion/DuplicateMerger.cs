namespace SpasmBot.Knowledge.Ingestion;

/// <summary>
/// Merges entries that ask the same question, within and across documents: equal after normalising
/// ("…on the left side of the body?" / "…on left side of body?"), nearly equal word sets, or one entry's
/// question listed word for word among the other's alternate wordings. The best answer
/// (complete over truncated, then longer) is kept; the others become further sources and alternate wordings.
/// </summary>
internal static class DuplicateMerger
{
    /// <summary>Share of words two questions must have in common to count as the same question.</summary>
    private const double NearDuplicate = 0.85;

    public static List<DraftEntry> Merge(IReadOnlyList<DraftEntry> drafts, List<(DraftEntry Kept, DraftEntry Merged)> merges)
    {
        var groups = new List<List<DraftEntry>>();
        foreach (var draft in drafts)
        {
            var group = groups.FirstOrDefault(g => g.Any(e => Asks(e, draft)));
            if (group is null)
            {
                groups.Add([draft]);
            }
            else
            {
                group.Add(draft);
            }
        }

        var result = new List<DraftEntry>();
        foreach (var group in groups)
        {
            var best = group
                .OrderBy(e => e.Truncated)
                .ThenByDescending(e => Sentences.WordCount(e.Answer))
                .ThenBy(e => e.Document, StringComparer.Ordinal)
                .ThenBy(e => e.Order)
                .First();
            foreach (var other in group.Where(e => e != best))
            {
                merges.Add((best, other));
                foreach (var wording in other.Alternates.Prepend(other.Question))
                {
                    if (!SameQuestion(wording, best.Question) && !best.Alternates.Any(a => SameQuestion(a, wording)))
                    {
                        best.Alternates.Add(wording);
                    }
                }
            }
            result.Add(best);
        }
        return result;
    }

    /// <summary>Same question, or one entry's question is exactly another wording the other entry already lists.</summary>
    private static bool Asks(DraftEntry a, DraftEntry b)
    {
        if (SameQuestion(a.Question, b.Question))
        {
            return true;
        }
        var qa = Sentences.NormaliseQuestion(a.Question);
        var qb = Sentences.NormaliseQuestion(b.Question);
        return b.Alternates.Any(x => Sentences.NormaliseQuestion(x) == qa) || a.Alternates.Any(x => Sentences.NormaliseQuestion(x) == qb);
    }

    public static bool SameQuestion(string a, string b)
    {
        var ka = Sentences.NormaliseQuestion(a);
        var kb = Sentences.NormaliseQuestion(b);
        if (ka == kb)
        {
            return true;
        }
        var wa = ka.Split(' ').ToHashSet();
        var wb = kb.Split(' ').ToHashSet();
        if (wa.Count < 4 || wb.Count < 4)
        {
            return false;
        }
        var common = wa.Intersect(wb).Count();
        return (double)common / wa.Union(wb).Count() >= NearDuplicate;
    }
}
