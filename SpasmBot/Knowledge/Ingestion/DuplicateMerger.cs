namespace SpasmBot.Knowledge.Ingestion;

/// <summary>
/// Merges entries that ask the same question, within and across documents: equal after normalising
/// ("…on the left side of the body?" / "…on left side of body?") or nearly equal word sets. The best answer
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
            var group = groups.FirstOrDefault(g => g.Any(e => SameQuestion(e.Question, draft.Question)));
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
