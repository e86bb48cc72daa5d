namespace SpasmBot.Transcripts;

/// <summary>Where the background writer puts batches of events from the journal. A seam so tests can make the store fail.</summary>
public interface ITranscriptSink
{
    /// <summary>
    /// Writes the events in order, all or nothing, and records how far the journal has been stored in the same
    /// transaction. Event ids already stored are skipped.
    /// </summary>
    Task WriteAsync(IReadOnlyList<TranscriptEvent> events, JournalCheckpoint? checkpoint, CancellationToken cancellationToken);

    /// <summary>The last checkpoint written for this journal, or null.</summary>
    Task<JournalCheckpoint?> ReadCheckpointAsync(string journal, CancellationToken cancellationToken);
}

/// <summary>Transcripts, their review state and the audit log, in SQLite or PostgreSQL.</summary>
public interface ITranscriptStore : ITranscriptSink
{
    /// <summary>Writes the events in order, all or nothing (commands, tests and imports; turns go through the journal).</summary>
    Task WriteAsync(IReadOnlyList<TranscriptEvent> events, CancellationToken cancellationToken = default);

    /// <summary>Newest first, keyset paged: pass the previous page's <see cref="ConversationPage.NextCursor"/>.</summary>
    Task<ConversationPage> ListAsync(ConversationFilter filter, string? cursor, int pageSize, CancellationToken cancellationToken = default);

    Task<ConversationDetail?> GetAsync(string conversationId, CancellationToken cancellationToken = default);

    Task<bool> SetReviewedAsync(string conversationId, bool reviewed, CancellationToken cancellationToken = default);

    Task<bool> SetNotesAsync(string conversationId, string notes, CancellationToken cancellationToken = default);

    Task<bool> SetTagsAsync(string conversationId, IReadOnlyCollection<string> tags, CancellationToken cancellationToken = default);

    /// <summary>Deletes one conversation; an audit row without content remains. Returns the conversations deleted (0 or 1).</summary>
    Task<int> DeleteConversationAsync(string conversationId, string actor, CancellationToken cancellationToken = default);

    /// <summary>Deletes every conversation of one pseudonymous user, one audit row each.</summary>
    Task<int> DeleteUserAsync(string userId, string actor, CancellationToken cancellationToken = default);

    /// <summary>Deletes conversations whose last activity is before <paramref name="cutoff"/>; one audit row with the count.</summary>
    Task<int> PurgeOlderThanAsync(DateTimeOffset cutoff, string actor, CancellationToken cancellationToken = default);

    Task AuditAsync(string actor, string action, string target, string detail = "", CancellationToken cancellationToken = default);

    /// <summary>Newest first; pass the smallest id seen to page on.</summary>
    Task<IReadOnlyList<AuditEntry>> ListAuditAsync(long? beforeId, int count, CancellationToken cancellationToken = default);

    Task<TranscriptStats> StatsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default);

    /// <summary>Visitor messages the bot could not answer, newest first.</summary>
    Task<IReadOnlyList<TranscriptMessage>> UnansweredAsync(DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken cancellationToken = default);
}
