using System.Buffers.Text;
using System.Data.Common;
using System.Text;
using Dapper;
using SpasmBot.Conversation;

namespace SpasmBot.Transcripts;

/// <summary>
/// Transcripts in SQL (SQLite or PostgreSQL through <see cref="TranscriptDatabase"/>). Every value is a
/// parameter; the only text spliced into SQL is fixed fragments chosen in code.
/// </summary>
public sealed class TranscriptStore(TranscriptDatabase database) : ITranscriptStore
{
    private const long DayMs = 86_400_000;

    public Task WriteAsync(IReadOnlyList<TranscriptEvent> events, CancellationToken cancellationToken = default) =>
        WriteAsync(events, null, cancellationToken);

    public async Task<JournalCheckpoint?> ReadCheckpointAsync(string journal, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<CheckpointRow>(new CommandDefinition(
            "SELECT segment AS Segment, position AS Position FROM journal_checkpoints WHERE journal = @journal", new { journal }, cancellationToken: cancellationToken));
        return row is null ? null : new JournalCheckpoint(journal, row.Segment, row.Position);
    }

    private sealed record CheckpointRow(string Segment, long Position);

    public async Task WriteAsync(IReadOnlyList<TranscriptEvent> events, JournalCheckpoint? checkpoint, CancellationToken cancellationToken)
    {
        if (events.Count == 0 && checkpoint is null)
        {
            return;
        }
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // The two statements are built once per batch and re-run with new values: preparing SQL for every event
        // was most of the cost of logging a turn.
        await using var insertMessage = new BatchCommand(connection, transaction,
            """
            INSERT INTO messages (event_id, conversation_id, at, direction, activity_type, body, route, faq_id, score,
                                  safety_tier, signals, helpful, decision_json)
            VALUES (@EventId, @ConversationId, @At, @Direction, @ActivityType, @Text, @Route, @FaqId, @Score,
                    @SafetyTier, @Signals, @Helpful, @DecisionJson)
            ON CONFLICT (event_id) DO NOTHING
            """,
            "EventId", "ConversationId", "At", "Direction", "ActivityType", "Text", "Route", "FaqId", "Score", "SafetyTier", "Signals", "Helpful", "DecisionJson");
        await using var upsertConversation = new BatchCommand(connection, transaction,
            """
            INSERT INTO conversations (id, channel, user_id, started_at, last_at, message_count, outcomes, first_question)
            VALUES (@ConversationId, @Channel, @UserId, @StartedAt, @LastAt, @Count, @Outcomes, @FirstQuestion)
            ON CONFLICT (id) DO UPDATE SET
                started_at = CASE WHEN excluded.started_at < conversations.started_at THEN excluded.started_at ELSE conversations.started_at END,
                last_at = CASE WHEN excluded.last_at > conversations.last_at THEN excluded.last_at ELSE conversations.last_at END,
                message_count = conversations.message_count + excluded.message_count,
                outcomes = conversations.outcomes | excluded.outcomes,
                first_question = COALESCE(conversations.first_question, excluded.first_question)
            """,
            "ConversationId", "Channel", "UserId", "StartedAt", "LastAt", "Count", "Outcomes", "FirstQuestion");
        // One conversation row update per conversation and batch (not per event), flushed before an erasure so
        // that an erase still comes after everything logged before it.
        var touched = new Dictionary<string, ConversationDelta>(StringComparer.Ordinal);
        async Task FlushConversationsAsync()
        {
            foreach (var (id, d) in touched)
            {
                await upsertConversation.ExecuteAsync(cancellationToken, id, d.Channel, d.UserId, d.StartedAt, d.LastAt, d.Messages, d.Outcomes, d.FirstQuestion);
            }
            touched.Clear();
        }
        foreach (var e in events)
        {
            if (e.Kind == TranscriptEvent.EraseKind)
            {
                await FlushConversationsAsync();
                await EraseAsync(connection, transaction, e.ConversationId, e.Actor ?? "visitor", "erase-conversation", e.At, cancellationToken);
                continue;
            }
            var at = e.At.ToUnixTimeMilliseconds();
            // 0 rows when the id is already stored (RETURNING seq said the same at twice the cost per row).
            var inserted = await insertMessage.ExecuteAsync(cancellationToken,
                e.EventId, e.ConversationId, at, e.Direction, e.ActivityType, e.Text, e.Route, e.FaqId, e.Score, e.SafetyTier, e.Signals,
                e.Helpful is null ? null : e.Helpful.Value ? 1 : 0, e.DecisionJson);
            if (inserted == 0)
            {
                continue; // replayed: counted the first time
            }
            var isMessage = e.ActivityType == "message";
            var question = isMessage && e.Direction == TranscriptDirections.In && !string.IsNullOrWhiteSpace(e.Text) ? e.Text : null;
            touched[e.ConversationId] = touched.TryGetValue(e.ConversationId, out var d)
                ? d with
                {
                    StartedAt = Math.Min(d.StartedAt, at), LastAt = Math.Max(d.LastAt, at), Messages = d.Messages + (isMessage ? 1 : 0),
                    Outcomes = d.Outcomes | (long)OutcomesOf(e), FirstQuestion = d.FirstQuestion ?? question,
                }
                : new ConversationDelta(e.Channel, e.UserId, at, at, isMessage ? 1 : 0, (long)OutcomesOf(e), question);
        }
        await FlushConversationsAsync();
        if (checkpoint is not null)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO journal_checkpoints (journal, segment, position) VALUES (@Journal, @Segment, @Position)
                ON CONFLICT (journal) DO UPDATE SET segment = excluded.segment, position = excluded.position
                """, checkpoint, transaction, cancellationToken: cancellationToken));
        }
        await transaction.CommitAsync(cancellationToken);
    }

    private sealed record ConversationDelta(string Channel, string UserId, long StartedAt, long LastAt, int Messages, long Outcomes, string? FirstQuestion);

    /// <summary>One parameterised statement re-run with new values (same SQL on SQLite and PostgreSQL).</summary>
    private sealed class BatchCommand : IAsyncDisposable
    {
        private readonly DbCommand _command;

        public BatchCommand(DbConnection connection, DbTransaction transaction, string sql, params string[] parameters)
        {
            _command = connection.CreateCommand();
            _command.Transaction = transaction;
            _command.CommandText = sql;
            foreach (var name in parameters)
            {
                var parameter = _command.CreateParameter();
                parameter.ParameterName = "@" + name; // prefixed: Microsoft.Data.Sqlite otherwise tries each prefix per bind
                _command.Parameters.Add(parameter);
            }
        }

        public Task<int> ExecuteAsync(CancellationToken cancellationToken, params object?[] values)
        {
            Bind(values);
            return _command.ExecuteNonQueryAsync(cancellationToken);
        }

        private void Bind(object?[] values)
        {
            for (var i = 0; i < values.Length; i++)
            {
                _command.Parameters[i].Value = values[i] ?? DBNull.Value;
            }
        }

        public ValueTask DisposeAsync() => _command.DisposeAsync();
    }

    /// <summary>The filterable outcome of one logged event.</summary>
    public static Outcomes OutcomesOf(TranscriptEvent e) => e.ActivityType == TranscriptActivityTypes.TurnError
        ? Outcomes.Failed
        : e.Route switch
        {
            Routes.Emergency => Outcomes.Emergency,
            Routes.Crisis => Outcomes.Crisis,
            Routes.Urgent => Outcomes.Urgent,
            Routes.Triage => Outcomes.Triage,
            Routes.Answer => Outcomes.Answered,
            Routes.Clarify => Outcomes.Clarify,
            Routes.NoAnswer => Outcomes.Unanswered,
            Routes.Feedback when e.Helpful == false => Outcomes.NegativeFeedback,
            Routes.Feedback when e.Helpful == true => Outcomes.PositiveFeedback,
            _ => Outcomes.None,
        };

    public async Task<ConversationPage> ListAsync(ConversationFilter filter, string? cursor, int pageSize, CancellationToken cancellationToken = default)
    {
        pageSize = Math.Clamp(pageSize, 1, 1000);
        var where = new List<string>();
        var p = new DynamicParameters();
        if (cursor is not null)
        {
            var (startedAt, id) = DecodeCursor(cursor);
            where.Add("(c.started_at < @CursorAt OR (c.started_at = @CursorAt AND c.id < @CursorId))");
            p.Add("CursorAt", startedAt);
            p.Add("CursorId", id);
        }
        AddFilter(filter, where, p);
        p.Add("Take", pageSize + 1);
        var sql = $"""
            SELECT c.id AS Id, c.channel AS Channel, c.user_id AS UserId, c.started_at AS StartedAt, c.last_at AS LastAt,
                   c.message_count AS MessageCount, c.outcomes AS Outcomes, c.first_question AS FirstQuestion,
                   c.reviewed AS Reviewed, c.notes AS Notes
            FROM conversations c
            {(where.Count > 0 ? "WHERE " + string.Join(" AND ", where) : "")}
            ORDER BY c.started_at DESC, c.id DESC
            LIMIT @Take
            """;
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = (await connection.QueryAsync<ConversationSummary>(new CommandDefinition(sql, p, cancellationToken: cancellationToken))).ToList();
        string? next = null;
        if (rows.Count > pageSize)
        {
            rows.RemoveAt(rows.Count - 1);
            next = EncodeCursor(rows[^1].StartedAt, rows[^1].Id);
        }
        await LoadTagsAsync(connection, rows, cancellationToken);
        return new ConversationPage(rows, next);
    }

    private void AddFilter(ConversationFilter filter, List<string> where, DynamicParameters p)
    {
        if (filter.From is { } from)
        {
            where.Add("c.started_at >= @From");
            p.Add("From", from.ToUnixTimeMilliseconds());
        }
        if (filter.To is { } to)
        {
            where.Add("c.started_at < @To");
            p.Add("To", to.ToUnixTimeMilliseconds());
        }
        if (!string.IsNullOrEmpty(filter.Channel))
        {
            where.Add("c.channel = @Channel");
            p.Add("Channel", filter.Channel);
        }
        if (filter.Outcome != Outcomes.None)
        {
            where.Add("(c.outcomes & @Outcome) <> 0");
            p.Add("Outcome", (long)filter.Outcome);
        }
        if (filter.Reviewed is { } reviewed)
        {
            where.Add("c.reviewed = @Reviewed");
            p.Add("Reviewed", reviewed ? 1 : 0);
        }
        if (!string.IsNullOrWhiteSpace(filter.Tag))
        {
            where.Add("EXISTS (SELECT 1 FROM conversation_tags t WHERE t.conversation_id = c.id AND t.tag = @Tag)");
            p.Add("Tag", NormalizeTag(filter.Tag));
        }
        if (!string.IsNullOrWhiteSpace(filter.UserId))
        {
            where.Add("c.user_id = @UserId");
            p.Add("UserId", filter.UserId);
        }
        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            where.Add($"EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = c.id AND m.body {database.ILike} @Search ESCAPE '\\')");
            p.Add("Search", "%" + EscapeLike(filter.Search.Trim()) + "%");
        }
    }

    /// <summary>Makes %, _ and \ in the visitor's search match themselves.</summary>
    public static string EscapeLike(string text) => text.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");

    public static string NormalizeTag(string tag) => tag.Trim().ToLowerInvariant();

    public static string EncodeCursor(long startedAt, string id) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{startedAt}:{id}"));

    public static (long StartedAt, string Id) DecodeCursor(string cursor)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
            var colon = text.IndexOf(':');
            return (long.Parse(text[..colon], System.Globalization.CultureInfo.InvariantCulture), text[(colon + 1)..]);
        }
        catch (Exception e) when (e is FormatException or ArgumentOutOfRangeException or OverflowException)
        {
            throw new FormatException("The page cursor is not valid; start again from the first page.", e);
        }
    }

    private async Task LoadTagsAsync(DbConnection connection, IReadOnlyList<ConversationSummary> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }
        var tags = await connection.QueryAsync<(string ConversationId, string Tag)>(new CommandDefinition(
            $"SELECT conversation_id, tag FROM conversation_tags WHERE {database.InList("conversation_id", "Ids")} ORDER BY tag",
            new { Ids = rows.Select(r => r.Id).ToArray() }, cancellationToken: cancellationToken));
        var byId = rows.ToDictionary(r => r.Id);
        foreach (var (conversationId, tag) in tags)
        {
            byId[conversationId].Tags.Add(tag);
        }
    }

    public async Task<ConversationDetail?> GetAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var summary = await connection.QuerySingleOrDefaultAsync<ConversationSummary>(new CommandDefinition(
            """
            SELECT id AS Id, channel AS Channel, user_id AS UserId, started_at AS StartedAt, last_at AS LastAt,
                   message_count AS MessageCount, outcomes AS Outcomes, first_question AS FirstQuestion,
                   reviewed AS Reviewed, notes AS Notes
            FROM conversations WHERE id = @Id
            """, new { Id = conversationId }, cancellationToken: cancellationToken));
        if (summary is null)
        {
            return null;
        }
        await LoadTagsAsync(connection, [summary], cancellationToken);
        var messages = await connection.QueryAsync<TranscriptMessage>(new CommandDefinition(
            $"{SelectMessages} WHERE conversation_id = @Id ORDER BY seq", new { Id = conversationId }, cancellationToken: cancellationToken));
        return new ConversationDetail(summary, messages.ToList());
    }

    private const string SelectMessages = """
        SELECT seq AS Seq, conversation_id AS ConversationId, at AS At, direction AS Direction, activity_type AS ActivityType,
               body AS Text, route AS Route, faq_id AS FaqId, score AS Score, safety_tier AS SafetyTier, signals AS Signals,
               helpful AS Helpful, decision_json AS DecisionJson
        FROM messages
        """;

    public async Task<bool> SetReviewedAsync(string conversationId, bool reviewed, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE conversations SET reviewed = @Reviewed WHERE id = @Id",
            new { Id = conversationId, Reviewed = reviewed ? 1 : 0 }, cancellationToken: cancellationToken)) > 0;
    }

    public async Task<bool> SetNotesAsync(string conversationId, string notes, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE conversations SET notes = @Notes WHERE id = @Id",
            new { Id = conversationId, Notes = notes }, cancellationToken: cancellationToken)) > 0;
    }

    public async Task<bool> SetTagsAsync(string conversationId, IReadOnlyCollection<string> tags, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var exists = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM conversations WHERE id = @Id", new { Id = conversationId }, transaction, cancellationToken: cancellationToken));
        if (exists == 0)
        {
            return false;
        }
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM conversation_tags WHERE conversation_id = @Id", new { Id = conversationId }, transaction, cancellationToken: cancellationToken));
        foreach (var tag in tags.Select(NormalizeTag).Where(t => t.Length > 0).Distinct())
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO conversation_tags (conversation_id, tag) VALUES (@Id, @Tag)",
                new { Id = conversationId, Tag = tag }, transaction, cancellationToken: cancellationToken));
        }
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task<int> DeleteConversationAsync(string conversationId, string actor, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var deleted = await EraseAsync(connection, transaction, conversationId, actor, "delete-conversation", DateTimeOffset.UtcNow, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return deleted;
    }

    public async Task<int> DeleteUserAsync(string userId, string actor, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var ids = await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT id FROM conversations WHERE user_id = @UserId", new { UserId = userId }, transaction, cancellationToken: cancellationToken));
        var deleted = 0;
        foreach (var id in ids.ToList())
        {
            deleted += await EraseAsync(connection, transaction, id, actor, "delete-user-conversation", DateTimeOffset.UtcNow, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return deleted;
    }

    private static async Task<int> EraseAsync(DbConnection connection, DbTransaction transaction, string conversationId, string actor,
        string action, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var args = new { Id = conversationId };
        var messages = await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM messages WHERE conversation_id = @Id", args, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM conversation_tags WHERE conversation_id = @Id", args, transaction, cancellationToken: cancellationToken));
        var conversations = await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM conversations WHERE id = @Id", args, transaction, cancellationToken: cancellationToken));
        await InsertAuditAsync(connection, transaction, at, actor, action, conversationId, $"{messages} activities erased", cancellationToken);
        return conversations;
    }

    public async Task<int> PurgeOlderThanAsync(DateTimeOffset cutoff, string actor, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var args = new { Cutoff = cutoff.ToUnixTimeMilliseconds() };
        const string old = "SELECT id FROM conversations WHERE last_at < @Cutoff";
        await connection.ExecuteAsync(new CommandDefinition(
            $"DELETE FROM messages WHERE conversation_id IN ({old})", args, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            $"DELETE FROM conversation_tags WHERE conversation_id IN ({old})", args, transaction, cancellationToken: cancellationToken));
        var deleted = await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM conversations WHERE last_at < @Cutoff", args, transaction, cancellationToken: cancellationToken));
        if (deleted > 0)
        {
            await InsertAuditAsync(connection, transaction, DateTimeOffset.UtcNow, actor, "purge", "",
                $"{deleted} conversations last active before {cutoff:u}", cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return deleted;
    }

    public async Task AuditAsync(string actor, string action, string target, string detail = "", CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await InsertAuditAsync(connection, null, DateTimeOffset.UtcNow, actor, action, target, detail, cancellationToken);
    }

    private static Task InsertAuditAsync(DbConnection connection, DbTransaction? transaction, DateTimeOffset at, string actor, string action,
        string target, string detail, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO audit (at, actor, action, target, detail) VALUES (@At, @Actor, @Action, @Target, @Detail)",
            new { At = at.ToUnixTimeMilliseconds(), Actor = actor, Action = action, Target = target, Detail = detail },
            transaction, cancellationToken: cancellationToken));

    public async Task<IReadOnlyList<AuditEntry>> ListAuditAsync(long? beforeId, int count, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<AuditEntry>(new CommandDefinition(
            $"""
            SELECT id AS Id, at AS At, actor AS Actor, action AS Action, target AS Target, detail AS Detail FROM audit
            {(beforeId is null ? "" : "WHERE id < @BeforeId")} ORDER BY id DESC LIMIT @Count
            """, new { BeforeId = beforeId ?? 0, Count = Math.Clamp(count, 1, 1000) }, cancellationToken: cancellationToken));
        return rows.ToList();
    }

    public async Task<TranscriptStats> StatsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        var args = new { From = from.ToUnixTimeMilliseconds(), To = to.ToUnixTimeMilliseconds(), Day = DayMs };
        await using var connection = await database.OpenAsync(cancellationToken);
        async Task<IReadOnlyList<DayCount>> PerDay(string sql) =>
            (await connection.QueryAsync<(long D, long N)>(new CommandDefinition(sql, args, cancellationToken: cancellationToken)))
                .Select(r => new DayCount(DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeMilliseconds(r.D * DayMs).UtcDateTime), r.N))
                .OrderBy(r => r.Day).ToList();

        var conversations = await PerDay(
            "SELECT started_at / @Day AS d, COUNT(*) AS n FROM conversations WHERE started_at >= @From AND started_at < @To GROUP BY 1");
        var messages = await PerDay(
            "SELECT at / @Day AS d, COUNT(*) AS n FROM messages WHERE activity_type = 'message' AND at >= @From AND at < @To GROUP BY 1");
        var escalations = await PerDay(
            $"""
            SELECT at / @Day AS d, COUNT(*) AS n FROM messages
            WHERE direction = 'in' AND route IN ('{Routes.Emergency}', '{Routes.Crisis}', '{Routes.Urgent}') AND at >= @From AND at < @To
            GROUP BY 1
            """);
        var routes = (await connection.QueryAsync<(string Route, long N)>(new CommandDefinition(
            """
            SELECT route, COUNT(*) FROM messages
            WHERE direction = 'in' AND activity_type = 'message' AND route IS NOT NULL AND at >= @From AND at < @To
            GROUP BY route
            """, args, cancellationToken: cancellationToken))).ToDictionary(r => r.Route, r => r.N);
        var helpful = (await connection.QueryAsync<(long Helpful, long N)>(new CommandDefinition(
            $"""
            SELECT helpful, COUNT(*) FROM messages
            WHERE direction = 'in' AND route = '{Routes.Feedback}' AND helpful IS NOT NULL AND at >= @From AND at < @To
            GROUP BY helpful
            """, args, cancellationToken: cancellationToken))).ToDictionary(r => r.Helpful, r => r.N);
        var top = await connection.QueryAsync<(string FaqId, long N, string Text)>(new CommandDefinition(
            $"""
            SELECT faq_id, COUNT(*) AS n, MIN(body) FROM messages
            WHERE direction = 'in' AND activity_type = 'message' AND route = '{Routes.Answer}' AND faq_id IS NOT NULL AND at >= @From AND at < @To
            GROUP BY faq_id ORDER BY n DESC, faq_id LIMIT 10
            """, args, cancellationToken: cancellationToken));
        return new TranscriptStats(conversations, messages, escalations,
            routes.GetValueOrDefault(Routes.Answer), routes.GetValueOrDefault(Routes.Clarify), routes.GetValueOrDefault(Routes.NoAnswer),
            helpful.GetValueOrDefault(1), helpful.GetValueOrDefault(0),
            top.Select(t => new QuestionCount(t.Text ?? "", t.FaqId, t.N)).ToList());
    }

    public async Task<IReadOnlyList<TranscriptMessage>> UnansweredAsync(DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<TranscriptMessage>(new CommandDefinition(
            $"""
            {SelectMessages}
            WHERE direction = 'in' AND activity_type = 'message' AND route = '{Routes.NoAnswer}' AND at >= @From AND at < @To
            ORDER BY at DESC LIMIT @Limit
            """,
            new { From = from.ToUnixTimeMilliseconds(), To = to.ToUnixTimeMilliseconds(), Limit = Math.Clamp(limit, 1, 10_000) },
            cancellationToken: cancellationToken));
        return rows.ToList();
    }
}

public static class TranscriptActivityTypes
{
    /// <summary>Logged in place of the missing replies when the bot threw during a turn.</summary>
    public const string TurnError = "turnError";
}
