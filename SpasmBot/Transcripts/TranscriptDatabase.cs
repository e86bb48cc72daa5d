using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace SpasmBot.Transcripts;

/// <summary>
/// The database behind transcripts and operator accounts: SQLite (a file, WAL) by default, PostgreSQL when
/// ConnectionStrings:Transcripts is set so several bot instances share one store. The SQL is shared; this
/// class holds what differs (connections, schema, case-insensitive LIKE).
/// </summary>
public abstract class TranscriptDatabase
{
    private readonly SemaphoreSlim _schemaLock = new(1, 1);
    private volatile bool _schemaReady;

    public abstract string Kind { get; }

    /// <summary>The case-insensitive LIKE operator.</summary>
    public abstract string ILike { get; }

    /// <summary>"column IN list" for a list parameter: Dapper expands lists for SQLite, Npgsql takes an array.</summary>
    public abstract string InList(string column, string parameter);

    protected abstract IReadOnlyList<string> Schema { get; }

    protected abstract DbConnection CreateConnection();

    /// <summary>Opens a connection, creating the schema on first use (commands run without the hosted services).</summary>
    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        if (!_schemaReady)
        {
            await EnsureSchemaAsync(cancellationToken);
        }
        var connection = CreateConnection();
        await connection.OpenAsync(cancellationToken);
        await OnOpenedAsync(connection, cancellationToken);
        return connection;
    }

    /// <summary>Per-connection settings, run on every open.</summary>
    protected virtual Task OnOpenedAsync(DbConnection connection, CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        await _schemaLock.WaitAsync(cancellationToken);
        try
        {
            if (_schemaReady)
            {
                return;
            }
            await using var connection = CreateConnection();
            await connection.OpenAsync(cancellationToken);
            foreach (var statement in Schema)
            {
                await connection.ExecuteAsync(new CommandDefinition(statement, cancellationToken: cancellationToken));
            }
            _schemaReady = true;
        }
        finally
        {
            _schemaLock.Release();
        }
    }

    // Columns common to both kinds; times are Unix milliseconds, flags small integers, so the SQL is the same.
    protected static IReadOnlyList<string> CommonSchema(string autoId, string integer, string real) =>
    [
        $"""
        CREATE TABLE IF NOT EXISTS conversations (
            id TEXT PRIMARY KEY, channel TEXT NOT NULL, user_id TEXT NOT NULL,
            started_at {integer} NOT NULL, last_at {integer} NOT NULL,
            message_count {integer} NOT NULL DEFAULT 0, outcomes {integer} NOT NULL DEFAULT 0,
            first_question TEXT NULL, reviewed {integer} NOT NULL DEFAULT 0, notes TEXT NOT NULL DEFAULT '')
        """,
        "CREATE INDEX IF NOT EXISTS ix_conversations_started ON conversations (started_at DESC, id DESC)",
        "CREATE INDEX IF NOT EXISTS ix_conversations_channel ON conversations (channel, started_at DESC, id DESC)",
        "CREATE INDEX IF NOT EXISTS ix_conversations_last ON conversations (last_at)",
        "CREATE INDEX IF NOT EXISTS ix_conversations_user ON conversations (user_id)",
        $"""
        CREATE TABLE IF NOT EXISTS messages (
            seq {autoId}, event_id TEXT NOT NULL UNIQUE, conversation_id TEXT NOT NULL, at {integer} NOT NULL,
            direction TEXT NOT NULL, activity_type TEXT NOT NULL, body TEXT NULL, route TEXT NULL, faq_id TEXT NULL,
            score {real} NULL, safety_tier TEXT NULL, signals TEXT NULL, helpful {integer} NULL, decision_json TEXT NULL)
        """,
        "CREATE INDEX IF NOT EXISTS ix_messages_conversation ON messages (conversation_id, seq)",
        "CREATE INDEX IF NOT EXISTS ix_messages_route ON messages (route, at)",
        "CREATE INDEX IF NOT EXISTS ix_messages_at ON messages (at)",
        """
        CREATE TABLE IF NOT EXISTS conversation_tags (
            conversation_id TEXT NOT NULL, tag TEXT NOT NULL, PRIMARY KEY (conversation_id, tag))
        """,
        "CREATE INDEX IF NOT EXISTS ix_tags_tag ON conversation_tags (tag, conversation_id)",
        $"""
        CREATE TABLE IF NOT EXISTS audit (
            id {autoId}, at {integer} NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL,
            target TEXT NOT NULL, detail TEXT NOT NULL)
        """,
        // How far each instance's journal is stored (TranscriptWriter); added with the journal, IF NOT EXISTS upgrades older stores.
        $"CREATE TABLE IF NOT EXISTS journal_checkpoints (journal TEXT PRIMARY KEY, segment TEXT NOT NULL, position {integer} NOT NULL)",
        $"""
        CREATE TABLE IF NOT EXISTS operators (
            name TEXT PRIMARY KEY, role TEXT NOT NULL, password_hash TEXT NOT NULL,
            failed_logins {integer} NOT NULL DEFAULT 0, locked_until {integer} NULL, created_at {integer} NOT NULL)
        """,
    ];
}

public sealed class SqliteTranscriptDatabase : TranscriptDatabase
{
    private readonly string _connectionString;

    public SqliteTranscriptDatabase(string file)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = file,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            // Busy writers from another process wait instead of failing.
            DefaultTimeout = 30,
        }.ToString();
    }

    public override string Kind => "sqlite";

    // SQLite's LIKE ignores ASCII case already.
    public override string ILike => "LIKE";

    public override string InList(string column, string parameter) => $"{column} IN @{parameter}";

    protected override IReadOnlyList<string> Schema =>
    [
        "PRAGMA journal_mode=WAL",
        .. CommonSchema("INTEGER PRIMARY KEY AUTOINCREMENT", "INTEGER", "REAL"),
    ];

    protected override DbConnection CreateConnection() => new SqliteConnection(_connectionString);

    /// <summary>
    /// WAL with synchronous=NORMAL: a commit is in the WAL file (the OS has it) before the writer acknowledges the turn,
    /// so it survives the bot process being killed; only an OS crash or power loss can lose the last commits, and
    /// skipping the fsync per commit is what lets one writer keep up with many turns. For more, use PostgreSQL.
    /// A 16 MB page cache (default 2 MB) keeps the indexes' hot pages in memory: about 10 % more turns stored per second
    /// under load (64 MB measured no better).
    /// </summary>
    protected override async Task OnOpenedAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA synchronous=NORMAL; PRAGMA cache_size=-16384";
        await pragma.ExecuteNonQueryAsync(cancellationToken);
    }
}

public sealed class PostgresTranscriptDatabase(string connectionString) : TranscriptDatabase
{
    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(connectionString);

    public override string Kind => "postgresql";

    public override string ILike => "ILIKE";

    public override string InList(string column, string parameter) => $"{column} = ANY(@{parameter})";

    // Instances starting together would race on CREATE TABLE IF NOT EXISTS; a session advisory lock serialises them
    // (and is released by the pool's reset if creation fails half-way).
    private const string SchemaLock = "7270614";

    protected override IReadOnlyList<string> Schema =>
    [
        $"SELECT pg_advisory_lock({SchemaLock})",
        .. CommonSchema("BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY", "BIGINT", "DOUBLE PRECISION"),
        $"SELECT pg_advisory_unlock({SchemaLock})",
    ];

    protected override DbConnection CreateConnection() => _dataSource.CreateConnection();
}
