using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace SpasmBot.Knowledge;

/// <summary>
/// The FAQ search the conversation asks: an FTS5 index plus query analyzer built from the corpus.
/// A rebuild prepares a complete new index first and swaps it in atomically; if it fails, the last
/// good index keeps answering. Rankings are remembered per index for the questions asked most (the same
/// wording arrives again and again: starter questions, suggested actions, clarify buttons), because the
/// FTS5 query with its synonym expansion is by far the most expensive step of a turn.
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
        var ranked = Rank(question);
        return AnswerSelector.Decide(ranked, _options.NoAnswerBelow, _options.ClarifyMargin, _options);
    }

    /// <summary>Ranked candidates before any threshold is applied (used by `eval --sweep`).</summary>
    public IReadOnlyList<AnswerCandidate> Rank(string question) => Rank(question, _options);

    /// <summary>Ranked candidates scored with other settings (used by `eval --tune`).</summary>
    public IReadOnlyList<AnswerCandidate> Rank(string question, SearchOptions options)
    {
        for (var attempt = 0; ; attempt++)
        {
            var snapshot = Current;
            try
            {
                // Only the configured settings are remembered; eval --tune scores with others.
                var remember = question is not null && ReferenceEquals(options, _options);
                if (remember && snapshot.Rankings.TryGetValue(question!, out var remembered))
                {
                    return remembered;
                }
                var query = snapshot.Analyzer.Analyze(question);
                AnswerCandidate[] ranked = [.. AnswerSelector.Score(snapshot.Index, query, options, snapshot.StopTerms)];
                if (remember && question!.Length <= MaxRememberedLength && snapshot.Rankings.Count < MaxRemembered)
                {
                    snapshot.Rankings.TryAdd(question, ranked);
                }
                return ranked;
            }
            catch (ObjectDisposedException) when (attempt < 3 && !ReferenceEquals(snapshot, _current))
            {
                // A rebuild swapped the index mid-question: ask the new one.
            }
            catch (SqliteException ex)
            {
                // The analyzer quotes every term, so this means a bug, not bad input: log it, answer "don't know".
                _logger.LogError(ex, "Search failed for a question of {Length} characters", question?.Length ?? 0);
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
        return new Snapshot(index, analyzer, byId, stopTerms);
    }

    // Bounded: past this many distinct questions new ones are ranked every time (no eviction to keep it simple).
    private const int MaxRemembered = 10_000;
    private const int MaxRememberedLength = 300;

    private sealed record Snapshot(FaqIndex Index, QueryAnalyzer Analyzer, Dictionary<string, FaqEntry> ById, HashSet<int> StopTerms)
    {
        /// <summary>Rankings by exact question text; dropped with the snapshot when the index is rebuilt.</summary>
        public ConcurrentDictionary<string, AnswerCandidate[]> Rankings { get; } = new(StringComparer.Ordinal);
    }
}
