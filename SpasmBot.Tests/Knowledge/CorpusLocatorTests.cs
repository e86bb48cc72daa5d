using SpasmBot.Knowledge;

namespace SpasmBot.Tests.Knowledge;

public class CorpusLocatorTests
{
    [Fact]
    public void The_relative_default_is_found_from_the_test_runner()
    {
        var path = CorpusLocator.Resolve("corpus");
        Assert.True(File.Exists(Path.Combine(path, "sources", "003_7b8a496c58c08ae9.txt")));
    }

    [Fact]
    public void A_missing_corpus_is_a_clear_error()
    {
        var error = Assert.Throws<DirectoryNotFoundException>(() => CorpusLocator.Resolve("no-such-corpus-folder"));
        Assert.Contains("Knowledge:CorpusPath", error.Message);
        var empty = Directory.CreateTempSubdirectory("spasmbot-empty-").FullName;
        Assert.Throws<DirectoryNotFoundException>(() => CorpusLocator.Resolve(empty));
        Directory.Delete(empty);
    }
}
