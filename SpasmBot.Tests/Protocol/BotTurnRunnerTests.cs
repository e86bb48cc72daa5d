using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using SpasmBot.Conversation;
using SpasmBot.Protocol;

namespace SpasmBot.Tests.Protocol;

public class BotTurnRunnerTests
{
    private static BotTurnRunner Runner(IBot bot, Action<IServiceCollection>? configure = null, TimeSpan? typingPeriod = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton(bot);
        configure?.Invoke(services);
        var provider = services.BuildServiceProvider();
        return new BotTurnRunner(provider.GetRequiredService<IServiceScopeFactory>(), NullLogger<BotTurnRunner>.Instance)
        {
            TypingPeriod = typingPeriod ?? TimeSpan.FromMilliseconds(2500),
        };
    }

    private static Activity Message(string text, string? deliveryMode = null) => new()
    {
        Type = ActivityTypes.Message,
        Id = "in-1",
        Text = text,
        ChannelId = "webchat",
        ServiceUrl = "http://localhost:1",
        DeliveryMode = deliveryMode,
        From = new ChannelAccount { Id = "user" },
        Recipient = new ChannelAccount { Id = "bot" },
        Conversation = new ConversationAccount { Id = "conv-7" },
    };

    [Fact]
    public async Task Middleware_runs_in_registration_order_around_the_bot()
    {
        var order = new List<string>();
        var bot = new DelegateBot((turn, ct) => { order.Add("bot"); return Task.CompletedTask; });
        var runner = Runner(bot, s =>
        {
            s.AddSingleton<IMiddleware>(new RecordingMiddleware("first", order));
            s.AddSingleton<IMiddleware>(new RecordingMiddleware("second", order));
        });

        await runner.RunTurnAsync(Message("hi"), new BufferedReplySink(), CancellationToken.None);

        Assert.Equal(["first before", "second before", "bot", "second after", "first after"], order);
    }

    [Fact]
    public async Task A_failing_turn_apologises_and_clears_the_conversation_state()
    {
        var store = new RecordingStateStore();
        var sentSeenByMiddleware = new List<string>();
        var bot = new DelegateBot((turn, ct) => throw new InvalidOperationException("broken state"));
        var runner = Runner(bot, s =>
        {
            s.AddSingleton<IConversationStateStore>(store);
            s.AddSingleton<IMiddleware>(new RecordingMiddleware("m", [], sentSeenByMiddleware));
        });
        var sink = new BufferedReplySink();

        var invoke = await runner.RunTurnAsync(Message("hi"), sink, CancellationToken.None);

        Assert.Null(invoke);
        var apology = Assert.Single(sink.Activities);
        Assert.Equal(BotTurnRunner.ApologyText, apology.Text);
        Assert.Equal("user", apology.Recipient?.Id);
        Assert.Equal(["conv-7"], store.Deleted);
        Assert.Equal(["sent message"], sentSeenByMiddleware);
    }

    [Fact]
    public async Task A_failing_turn_without_a_state_store_still_apologises()
    {
        var runner = Runner(new DelegateBot((turn, ct) => throw new InvalidOperationException("boom")));
        var sink = new BufferedReplySink();

        await runner.RunTurnAsync(Message("hi"), sink, CancellationToken.None);

        Assert.Equal(BotTurnRunner.ApologyText, Assert.Single(sink.Activities).Text);
    }

    [Fact]
    public async Task A_slow_turn_shows_typing_until_the_answer_and_a_fast_turn_shows_none()
    {
        var slow = Runner(new DelegateBot(async (turn, ct) =>
        {
            await Task.Delay(1500, ct);
            await turn.SendActivityAsync(new Activity { Type = ActivityTypes.Message, Text = "done" }, ct);
            await Task.Delay(700, ct); // still working after the answer: no more typing
        }), typingPeriod: TimeSpan.FromMilliseconds(300));
        var fast = Runner(new DelegateBot((turn, ct) => turn.SendActivityAsync(new Activity { Type = ActivityTypes.Message, Text = "done" }, ct)));

        var slowSink = new BufferedReplySink();
        await slow.RunTurnAsync(Message("hi"), slowSink, CancellationToken.None);
        var fastSink = new BufferedReplySink();
        await fast.RunTurnAsync(Message("hi"), fastSink, CancellationToken.None);

        var slowTypes = slowSink.Activities.Select(a => a.Type).ToList();
        Assert.Equal(ActivityTypes.Typing, slowTypes[0]);
        Assert.Equal(ActivityTypes.Message, slowTypes[^1]);
        Assert.Single(slowTypes, ActivityTypes.Message);
        Assert.True(slowTypes.Count >= 3, "a typing indicator every period while the bot works");
        Assert.Equal("conv-7", slowSink.Activities[0].Conversation?.Id);
        Assert.Equal([ActivityTypes.Message], fastSink.Activities.Select(a => a.Type));
    }

    [Fact]
    public async Task ExpectReplies_turns_send_no_typing_even_when_slow()
    {
        var runner = Runner(new DelegateBot(async (turn, ct) =>
        {
            await Task.Delay(800, ct);
            await turn.SendActivityAsync(new Activity { Type = ActivityTypes.Message, Text = "done" }, ct);
        }));
        var sink = new BufferedReplySink();

        await runner.RunTurnAsync(Message("hi", "expectReplies"), sink, CancellationToken.None);

        Assert.Equal([ActivityTypes.Message], sink.Activities.Select(a => a.Type));
    }

    [Fact]
    public async Task Invokes_return_the_bots_invoke_response_or_501_when_it_set_none()
    {
        var invoke = new Activity { Type = ActivityTypes.Invoke, Name = "adaptiveCard/action", ChannelId = "msteams", Conversation = new() { Id = "c" } };
        var handled = Runner(new DelegateBot((turn, ct) =>
        {
            turn.TurnState[ActivityHandler.InvokeResponseKey] = new InvokeResponse(200, new { statusCode = 200 });
            return Task.CompletedTask;
        }));
        var ignored = Runner(new DelegateBot((turn, ct) => Task.CompletedTask));
        var failing = Runner(new DelegateBot((turn, ct) => throw new InvalidOperationException()));

        Assert.Equal(200, (await handled.RunTurnAsync(invoke, new BufferedReplySink(), CancellationToken.None))?.Status);
        Assert.Equal(501, (await ignored.RunTurnAsync(invoke, new BufferedReplySink(), CancellationToken.None))?.Status);
        Assert.Equal(500, (await failing.RunTurnAsync(invoke, new BufferedReplySink(), CancellationToken.None))?.Status);
    }

    [Fact]
    public async Task Replies_to_a_hidden_conversationUpdate_on_webchat_carry_no_replyToId()
    {
        var bot = new DelegateBot((turn, ct) => turn.SendActivityAsync(turn.Activity.CreateReply("welcome"), ct));
        var update = new Activity
        {
            Type = ActivityTypes.ConversationUpdate, Id = "cu-1", ChannelId = "webchat",
            From = new() { Id = "user" }, Recipient = new() { Id = "bot" }, Conversation = new() { Id = "c" },
        };
        var sink = new BufferedReplySink();

        await Runner(bot).RunTurnAsync(update, sink, CancellationToken.None);

        Assert.Null(Assert.Single(sink.Activities).ReplyToId);
    }
}

internal sealed class RecordingStateStore : IConversationStateStore
{
    public List<string> Deleted { get; } = [];

    public Task<ConversationState> LoadAsync(string conversationId, CancellationToken cancellationToken = default) => Task.FromResult(new ConversationState());

    public Task SaveAsync(string conversationId, ConversationState state, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task DeleteAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        Deleted.Add(conversationId);
        return Task.CompletedTask;
    }
}
