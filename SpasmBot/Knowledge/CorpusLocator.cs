namespace SpasmBot.Knowledge;

/// <summary>
/// Finds the corpus folder. A relative path is tried in the current directory and each of its parents, then in the
/// application's folder and its parents, so `dotnet run --project SpasmBot` from the repository root and the test
/// runner (deep under bin/) both find the repository's corpus/.
/// </summary>
public static class CorpusLocator
{
    public static string Resolve(string corpusPath)
    {
        if (string.IsNullOrWhiteSpace(corpusPath))
        {
            throw new InvalidOperationException("Knowledge:CorpusPath is empty; set it to the folder that holds sources/.");
        }
        if (Path.IsPathRooted(corpusPath))
        {
            return IsCorpus(corpusPath)
                ? Path.GetFullPath(corpusPath)
                : throw new DirectoryNotFoundException(
                    $"Knowledge:CorpusPath '{corpusPath}' is not a corpus folder (it needs a sources/ folder inside).");
        }

        var tried = new List<string>();
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, corpusPath);
                if (IsCorpus(candidate))
                {
                    return Path.GetFullPath(candidate);
                }
                tried.Add(candidate);
            }
        }
        throw new DirectoryNotFoundException(
            $"Could not find the corpus folder '{corpusPath}' (a folder with sources/ inside) above the current " +
            $"directory or the application folder. Set Knowledge:CorpusPath to its full path. Tried: {string.Join(", ", tried.Take(6))}...");
    }

    private static bool IsCorpus(string path) => Directory.Exists(Path.Combine(path, "sources"));
}
