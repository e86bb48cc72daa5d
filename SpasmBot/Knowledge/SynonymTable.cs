namespace SpasmBot.Knowledge;

/// <summary>
/// Groups of words visitors and the corpus use for the same thing (corpus/synonyms.txt): one group per line,
/// terms separated by " | ", "#" starts a comment. Terms are lower-cased; a term may be a phrase.
/// </summary>
public sealed class SynonymTable
{
    private readonly Dictionary<string, List<int>> _groupsByTerm = new(StringComparer.Ordinal);

    public SynonymTable(IEnumerable<IReadOnlyList<string>> groups)
    {
        Groups = groups.Select(g => (IReadOnlyList<string>)g.ToList()).ToList();
        for (var i = 0; i < Groups.Count; i++)
        {
            foreach (var term in Groups[i])
            {
                if (!_groupsByTerm.TryGetValue(term, out var list))
                {
                    _groupsByTerm[term] = list = [];
                }
                list.Add(i);
            }
        }
    }

    public IReadOnlyList<IReadOnlyList<string>> Groups { get; }

    /// <summary>Every term in the table, phrases included.</summary>
    public IEnumerable<string> Terms => _groupsByTerm.Keys;

    public static SynonymTable Load(string path) => new(Parse(File.ReadAllLines(path)));

    public static IEnumerable<IReadOnlyList<string>> Parse(IEnumerable<string> lines)
    {
        foreach (var raw in lines)
        {
            var hash = raw.IndexOf('#');
            var line = (hash >= 0 ? raw[..hash] : raw).Trim();
            if (line.Length == 0)
            {
                continue;
            }
            var terms = line.Split('|')
                .Select(Normalise)
                .Where(t => t.Length > 0)
                .Distinct(StringComparer.Ordinal)
                .ToList();
            if (terms.Count > 1)
            {
                yield return terms;
            }
        }
    }

    /// <summary>The other terms sharing a group with <paramref name="term"/> (not the term itself); empty when none.</summary>
    public IReadOnlyList<string> SynonymsOf(string term)
    {
        if (!_groupsByTerm.TryGetValue(Normalise(term), out var groups))
        {
            return [];
        }
        var key = Normalise(term);
        return groups.SelectMany(g => Groups[g]).Where(t => t != key).Distinct(StringComparer.Ordinal).ToList();
    }

    public bool Contains(string term) => _groupsByTerm.ContainsKey(Normalise(term));

    /// <summary>Lower case, single spaces: how terms are stored and looked up.</summary>
    public static string Normalise(string term) =>
        string.Join(' ', term.ToLowerInvariant().Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries));
}
