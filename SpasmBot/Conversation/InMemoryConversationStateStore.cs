using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace SpasmBot.Conversation;

/// <summary>Conversation state in process memory; entries idle longer than the timeout are dropped.</summary>
public sealed class InMemoryConversationStateStore(IOptions<ConversationOptions> options, TimeProvider clock) : IConversationStateStore
{
    private readonly ConcurrentDictionary<string, ConversationState> _states = new(StringComparer.Ordinal);
    private readonly TimeSpan _idle = options.Value.StateIdleTimeout;
    private long _nextSweepTicks;

    public int Count => _states.Count;

    public Task<ConversationState> LoadAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        SweepIfDue(now);
        if (_states.TryGetValue(conversationId, out var state) && now - state.LastActivity <= _idle)
        {
            return Task.FromResult(state);
        }
        _states.TryRemove(conversationId, out _);
        return Task.FromResult(new ConversationState { LastActivity = now });
    }

    public Task SaveAsync(string conversationId, ConversationState state, CancellationToken cancellationToken = default)
    {
        state.LastActivity = clock.GetUtcNow();
        _states[conversationId] = state;
        return Task.CompletedTask;
    }

    public Task DeleteAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        _states.TryRemove(conversationId, out _);
        return Task.CompletedTask;
    }

    // Sweeping on access, at most once a minute, keeps memory bounded without a timer.
    private void SweepIfDue(DateTimeOffset now)
    {
        var due = Interlocked.Read(ref _nextSweepTicks);
        if (now.UtcTicks < due || Interlocked.CompareExchange(ref _nextSweepTicks, now.UtcTicks + TimeSpan.TicksPerMinute, due) != due)
        {
            return;
        }
        foreach (var (id, state) in _states)
        {
            if (now - state.LastActivity > _idle)
            {
                _states.TryRemove(id, out _);
            }
        }
    }
}
