using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace SpasmBot.Knowledge;

/// <summary>
/// The FAQ search the conversation asks: an FTS5 index plus query analyzer built from the corpus.
/// A rebuild prepares a complete new index first and swaps it in atomically; if it fails, the last
/// good index keeps answering.
/// </summary>
public sealed class KnowledgeBase : IKnowledgeBase, IDisposable
{
    private readonly IKnowledgeDataSource _source;
    private readonly SearchOptions _options;
    private readonly ILogger<KnowledgeBase> _logger;
    private readonly SemaphoreSlim _buildLock = new(1, 1);
    private volatile Snapshot? _current;

    public KnowledgeBase(IKnowledgeDataSource source, IOptions<SearchOptions> options, ILogger<KnowledgeBase> logger)
    {
        _source = source;
        _options = options.Value;
        _logger = logger;
    }

    public SearchOptions Options => _options;

    public IReadOnlyList<FaqEntry> Entries => Current.Index.Entries;

    public FaqIndex Index => Current.Index;

    public FaqEntry? Find(string faqId) => Current.ById.GetValueOrDefault(faqId);

    public AnswerResult Ask(string question)
    {
        // Answers are cached per index, so a rebuild starts with an empty cache.
        var snapshot = Current;
        var key = AnswerCache.Key(question, _options.MaxQueryTerms);
        if (snapshot.Answers.TryGet(key, out var cached))
        {
            return cached;
        }
        var ranked = Rank(question, _options, out var failed);
        var result = AnswerSelector.Decide(ranked, _options.NoAnswerBelow, _options.ClarifyMargin, _options);
        if (failed)
        {
            return result;
        }
        // Callers share a cached answer, so none of them may change its list.
        result = result with { Candidates = result.Candidates.ToList().AsReadOnly() };
        snapshot.Answers.Add(key, result);
        return result;
    }

    /// <summary>Ranked candidates before any threshold is applied (used by `eval --sweep`).</summary>
    public IReadOnlyList<AnswerCandidate> Rank(string question) => Rank(question, _options);

    /// <summary>Ranked candidates scored with other settings (used by `eval --tune`).</summary>
    public IReadOnlyList<AnswerCandidate> Rank(string question, SearchOptions options) => Rank(question, options, out _);

    private List<AnswerCandidate> Rank(string question, SearchOptions options, out bool failed)
    {
        failed = false;
        for (var attempt = 0; ; attempt++)
        {
            var snapshot = Current;
            try
            {
                var query = snapshot.Analyzer.Analyze(question);
                return AnswerSelector.Score(snapshot.Index, query, options, snapshot.StopTerms);
            }
            catch (ObjectDisposedException) when (attempt < 3 && !ReferenceEquals(snapshot, _current))
            {
                // A rebuild swapped the index mid-question: ask the new one.
            }
            catch (SqliteException ex)
            {
                // The analyzer quotes every term, so this means a bug, not bad input: log it, answer "don't know".
                _logger.LogError(ex, "Search failed for a question of {Length} characters", question?.Length ?? 0);
                failed = true;
                return [];
            }
        }
    }

    /// <summary>The analysed form of a question (for traces and the eval report).</summary>
    public AnalyzedQuery Analyze(string question) => Current.Analyzer.Analyze(question);

    /// <summary>Builds the first index if none exists yet; throws a clear error when the corpus is unusable.</summary>
    public void EnsureLoaded()
    {
        if (_current is not null)
        {
            return;
        }
        _buildLock.Wait();
        try
        {
            if (_current is null)
            {
                _current = Build(LoadData(CancellationToken.None).GetAwaiter().GetResult());
            }
        }
        finally
        {
            _buildLock.Release();
        }
    }

    public async Task RebuildAsync(CancellationToken cancellationToken = default)
    {
        await _buildLock.WaitAsync(cancellationToken);
        try
        {
            var fresh = Build(await LoadData(cancellationToken));
            var old = _current;
            _current = fresh;
            old?.Index.Dispose();
            _logger.LogInformation("Knowledge index rebuilt: {Count} entries", fresh.Index.Entries.Count);
        }
        finally
        {
            _buildLock.Release();
        }
    }

    public void Dispose()
    {
        _current?.Index.Dispose();
        _buildLock.Dispose();
    }

    private Snapshot Current
    {
        get
        {
            var snapshot = _current;
            if (snapshot is not null)
            {
                return snapshot;
            }
            EnsureLoaded();
            return _current!;
        }
    }

    private async Task<KnowledgeData> LoadData(CancellationToken cancellationToken)
    {
        KnowledgeData data;
        try
        {
            data = await _source.LoadAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new InvalidOperationException($"The FAQ corpus could not be loaded: {ex.Message}", ex);
        }
        if (data.Entries.Count == 0)
        {
            throw new InvalidOperationException("The FAQ corpus has no entries; refusing to serve an empty knowledge base.");
        }
        return data;
    }

    private Snapshot Build(KnowledgeData data)
    {
        var index = FaqIndex.Build(data.Entries, _options.Weights);
        var analyzer = new QueryAnalyzer(index.Vocabulary, data.StopWords, data.SynonymGroups, _options.MaxQueryTerms,
            data.Entries.Count, _options.CommonTermShare);
        var byId = new Dictionary<string, FaqEntry>(StringComparer.Ordinal);
        foreach (var entry in data.Entries)
        {
            byId.TryAdd(entry.Id, entry);
        }
        var stopTerms = analyzer.StopWords.Select(w => index.TermId(TextAnalysis.LightStem(w))).Where(id => id >= 0).ToHashSet();
        return new Snapshot(index, analyzer, byId, stopTerms, new AnswerCache(_options.AnswerCacheSize));
    }

    private sealed record Snapshot(FaqIndex Index, QueryAnalyzer Analyzer, Dictionary<string, FaqEntry> ById, HashSet<int> StopTerms,
        AnswerCache Answers);
}
