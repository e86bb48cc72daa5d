using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace SpasmBot.Knowledge;

/// <summary>BM25 column weights: a match in a question counts most, one in the answer text least.</summary>
public sealed record ColumnWeights(double Question = 10, double Alternates = 8, double Answer = 2, double Section = 3);

/// <summary>One full-text hit: the entry's position in <see cref="FaqIndex.Entries"/> and its BM25 score (higher is better).</summary>
public readonly record struct IndexHit(int EntryIndex, double Bm25);

/// <summary>
/// The FAQ entries in an SQLite FTS5 index (Porter stemming, diacritics folded), plus the index's own
/// vocabulary read back through fts5vocab for spelling correction. Built once in memory; each concurrent
/// query borrows a private copy of the database (connection + prepared command), so readers never share a lock.
/// </summary>
public sealed class FaqIndex : IDisposable
{
    private readonly SqliteConnection _master;
    private readonly ConcurrentBag<QuerySession> _sessions = [];
    private readonly Lock _copyLock = new();
    private readonly int[][][] _questionTerms;
    private readonly int[][] _answerTerms;
    private readonly Dictionary<string, int> _termIds;
    private readonly int[] _termDocFrequency;
    private readonly LargeCorpusSearch? _largeCorpus;
    private volatile bool _disposed;

    private FaqIndex(IReadOnlyList<FaqEntry> entries, SqliteConnection master, Dictionary<string, int> termIds,
        int[][][] questionTerms, int[][] answerTerms, IReadOnlyDictionary<string, int> vocabulary, ColumnWeights weights)
    {
        Entries = entries;
        _master = master;
        _termIds = termIds;
        _questionTerms = questionTerms;
        _answerTerms = answerTerms;
        Vocabulary = vocabulary;
        _termDocFrequency = new int[termIds.Count];
        var countedFor = new int[termIds.Count]; // entry number + 1 that last counted the term
        for (var i = 0; i < entries.Count; i++)
        {
            foreach (var terms in questionTerms[i].Append(answerTerms[i]))
            {
                foreach (var id in terms)
                {
                    if (countedFor[id] != i + 1)
                    {
                        countedFor[id] = i + 1;
                        _termDocFrequency[id]++;
                    }
                }
            }
        }
        if (entries.Count > LargeCorpusSearch.MaxExactRows)
        {
            _largeCorpus = new LargeCorpusSearch(questionTerms, answerTerms, _termDocFrequency, TermId, weights);
        }
    }

    public IReadOnlyList<FaqEntry> Entries { get; }

    /// <summary>Every indexed word (unstemmed) → number of entries containing it, from fts5vocab.</summary>
    public IReadOnlyDictionary<string, int> Vocabulary { get; }

    public static FaqIndex Build(IReadOnlyList<FaqEntry> entries, ColumnWeights? weights = null)
    {
        weights ??= new ColumnWeights();
        var master = new SqliteConnection("Data Source=:memory:");
        master.Open();
        try
        {
            // An in-memory database built in one go needs no rollback journal.
            Execute(master, """
                PRAGMA journal_mode = OFF;
                PRAGMA synchronous = OFF;
                CREATE VIRTUAL TABLE faq USING fts5(
                    question, alternates, answer, section, id UNINDEXED,
                    tokenize = 'porter unicode61 remove_diacritics 2');
                """);
            // The default rank becomes the weighted bm25, so "ORDER BY rank" takes FTS5's fast path.
            var rank = FormattableString.Invariant(
                $"bm25({weights.Question}, {weights.Alternates}, {weights.Answer}, {weights.Section}, 0)");
            using (var config = master.CreateCommand())
            {
                config.CommandText = "INSERT INTO faq(faq, rank) VALUES('rank', $rank)";
                config.Parameters.AddWithValue("$rank", rank);
                config.ExecuteNonQuery();
            }

            var termIds = new Dictionary<string, int>(StringComparer.Ordinal);
            // Unstemmed word → entries containing it. The words are TextAnalysis tokens, which split text the way
            // FTS5's unicode61 tokenizer does (a test compares the two), so no second FTS5 table is needed for this.
            var vocabulary = new Dictionary<string, int>(StringComparer.Ordinal);
            var entryWords = new HashSet<string>(StringComparer.Ordinal);
            var questionTerms = new int[entries.Count][][];
            var answerTerms = new int[entries.Count][];
            using (var transaction = master.BeginTransaction())
            {
                using var insert = master.CreateCommand();
                insert.Transaction = transaction;
                insert.CommandText = """
                    INSERT INTO faq(rowid, question, alternates, answer, section, id)
                    VALUES ($rowid, $question, $alternates, $answer, $section, $id)
                    """;
                var rowId = insert.Parameters.Add("$rowid", SqliteType.Integer);
                var question = insert.Parameters.Add("$question", SqliteType.Text);
                var alternates = insert.Parameters.Add("$alternates", SqliteType.Text);
                var answer = insert.Parameters.Add("$answer", SqliteType.Text);
                var section = insert.Parameters.Add("$section", SqliteType.Text);
                var id = insert.Parameters.Add("$id", SqliteType.Text);
                insert.Prepare();

                // Splitting the text into words (for the vocabulary and coverage checks) runs beside the inserts.
                var analysis = Task.Run(() => entries.Select(entry => (
                    Questions: new[] { entry.Question }.Concat(entry.AlternateQuestions).Select(q => TextAnalysis.Words(q)).ToArray(),
                    Answer: TextAnalysis.Words(entry.Answer + "\n" + entry.Section))).ToArray());
                for (var i = 0; i < entries.Count; i++)
                {
                    var entry = entries[i];
                    rowId.Value = i + 1;
                    question.Value = entry.Question;
                    alternates.Value = string.Join("\n", entry.AlternateQuestions);
                    answer.Value = entry.Answer;
                    section.Value = entry.Section;
                    id.Value = entry.Id;
                    insert.ExecuteNonQuery();
                }

                var analysed = analysis.GetAwaiter().GetResult();
                var wordIds = new Dictionary<string, int>(StringComparer.Ordinal);
                for (var i = 0; i < entries.Count; i++)
                {
                    var (questionWords, answerWords) = analysed[i];
                    questionTerms[i] = [.. questionWords.Select(words => TermSet(words, termIds, wordIds))];
                    answerTerms[i] = TermSet(answerWords, termIds, wordIds);
                    entryWords.Clear();
                    foreach (var words in questionWords)
                    {
                        entryWords.UnionWith(words);
                    }
                    entryWords.UnionWith(answerWords);
                    foreach (var word in entryWords)
                    {
                        vocabulary[word] = vocabulary.GetValueOrDefault(word) + 1;
                    }
                }
                transaction.Commit();
            }
            // One merged segment per term makes every later query read one doclist instead of several.
            Execute(master, "INSERT INTO faq(faq) VALUES('optimize');");

            return new FaqIndex(entries, master, termIds, questionTerms, answerTerms, vocabulary, weights);
        }
        catch
        {
            master.Dispose();
            throw;
        }
    }

    /// <summary>Runs an already-sanitised FTS5 query; returns up to <paramref name="limit"/> hits, best first.</summary>
    public List<IndexHit> Search(string ftsQuery, int limit)
    {
        var hits = new List<IndexHit>(limit);
        if (string.IsNullOrWhiteSpace(ftsQuery) || limit <= 0)
        {
            return hits;
        }
        if (_largeCorpus?.TrySearch(ftsQuery, limit) is { } large)
        {
            return large;
        }
        var session = Rent();
        try
        {
            session.Query.Value = ftsQuery;
            session.Limit.Value = limit;
            using var reader = session.Command.ExecuteReader();
            while (reader.Read())
            {
                hits.Add(new IndexHit((int)reader.GetInt64(0) - 1, -reader.GetDouble(1)));
            }
        }
        finally
        {
            Return(session);
        }
        return hits;
    }

    /// <summary>Id of a light-stemmed term for coverage checks, or -1 when no entry contains it.</summary>
    public int TermId(string lightStem) => _termIds.TryGetValue(lightStem, out var id) ? id : -1;

    /// <summary>Number of entries whose text contains the term (for inverse document frequency).</summary>
    public int TermDocFrequency(int termId) => termId >= 0 ? _termDocFrequency[termId] : 0;

    /// <summary>Term ids of the entry's question (first) and of each alternate question, each sorted.</summary>
    public IReadOnlyList<int[]> QuestionTerms(int entryIndex) => _questionTerms[entryIndex];

    /// <summary>Whether the entry's question or alternates contain the term (ids from <see cref="TermId"/>).</summary>
    public bool QuestionHas(int entryIndex, int termId)
    {
        if (termId < 0)
        {
            return false;
        }
        foreach (var terms in _questionTerms[entryIndex])
        {
            if (Array.BinarySearch(terms, termId) >= 0)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Whether the entry's answer or section contain the term.</summary>
    public bool AnswerHas(int entryIndex, int termId) => termId >= 0 && Array.BinarySearch(_answerTerms[entryIndex], termId) >= 0;

    /// <summary>Writes the whole index to an SQLite file (for the `index --out` command).</summary>
    public void SaveTo(string path)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (File.Exists(path))
        {
            File.Delete(path);
        }
        using var file = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        file.Open();
        lock (_copyLock)
        {
            _master.BackupDatabase(file);
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        lock (_copyLock)
        {
            while (_sessions.TryTake(out var session))
            {
                session.Dispose();
            }
            _master.Dispose();
        }
    }

    private QuerySession Rent()
    {
        if (_sessions.TryTake(out var session))
        {
            return session;
        }
        lock (_copyLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var copy = new SqliteConnection("Data Source=:memory:");
            copy.Open();
            _master.BackupDatabase(copy);
            return new QuerySession(copy);
        }
    }

    private void Return(QuerySession session)
    {
        if (_disposed)
        {
            session.Dispose();
            return;
        }
        _sessions.Add(session);
    }

    /// <summary>Sorted light-stem term ids of the words; <paramref name="wordIds"/> remembers each word's id so
    /// every distinct word is stemmed once. Ids are handed out in first-seen order.</summary>
    private static int[] TermSet(List<string> words, Dictionary<string, int> termIds, Dictionary<string, int> wordIds)
    {
        var set = new HashSet<int>();
        foreach (var word in words)
        {
            if (!wordIds.TryGetValue(word, out var id))
            {
                var stem = TextAnalysis.LightStem(word);
                if (!termIds.TryGetValue(stem, out id))
                {
                    id = termIds.Count;
                    termIds[stem] = id;
                }
                wordIds[word] = id;
            }
            set.Add(id);
        }
        var array = set.ToArray();
        Array.Sort(array);
        return array;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>A private database copy with its prepared query, used by one thread at a time.</summary>
    private sealed class QuerySession : IDisposable
    {
        public QuerySession(SqliteConnection connection)
        {
            Connection = connection;
            Command = connection.CreateCommand();
            Command.CommandText = "SELECT rowid, rank FROM faq WHERE faq MATCH $query ORDER BY rank LIMIT $limit";
            Query = Command.Parameters.Add("$query", SqliteType.Text);
            Limit = Command.Parameters.Add("$limit", SqliteType.Integer);
            Query.Value = "\"x\"";
            Limit.Value = 1;
            Command.Prepare();
        }

        public SqliteConnection Connection { get; }
        public SqliteCommand Command { get; }
        public SqliteParameter Query { get; }
        public SqliteParameter Limit { get; }

        public void Dispose()
        {
            Command.Dispose();
            Connection.Dispose();
        }
    }
}
