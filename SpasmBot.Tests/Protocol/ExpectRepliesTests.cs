using Microsoft.Extensions.DependencyInjection;
using SpasmBot.Protocol;

namespace SpasmBot.Tests.Protocol;

public class ExpectRepliesTests
{
    [Fact]
    public async Task Replies_come_back_in_send_order_addressed_to_the_sender()
    {
        var bot = new DelegateBot(async (turn, ct) =>
        {
            await turn.SendActivityAsync(new Activity { Type = "message", Text = "one" }, ct);
            await turn.SendActivitiesAsync([new Activity { Type = "message", Text = "two" }, new Activity { Type = "message", Text = "three" }], ct);
        });
        using var host = TestBotHost.Create(bot);
        using var client = host.CreateClient();

        var replies = await TestBotHost.RepliesAsync(await TestBotHost.PostAsync(client, TestBotHost.MessageJson("hi")));

        Assert.Equal(["one", "two", "three"], replies.Select(r => r.Text));
        var first = replies[0];
        Assert.Equal("user-1", first.Recipient?.Id);
        Assert.Equal("bot-1", first.From?.Id);
        Assert.Equal("bot", first.From?.Role);
        Assert.Equal("conv-1", first.Conversation?.Id);
        Assert.Equal("act-1", first.ReplyToId);
        Assert.Equal("emulator", first.ChannelId);
    }

    [Fact]
    public async Task Concurrent_turns_each_get_only_their_own_replies()
    {
        var bot = new DelegateBot(async (turn, ct) =>
        {
            await Task.Delay(Random.Shared.Next(1, 20), ct);
            await turn.SendActivityAsync(new Activity { Type = "message", Text = "first for " + turn.Activity.Conversation!.Id }, ct);
            await Task.Delay(Random.Shared.Next(1, 20), ct);
            await turn.SendActivityAsync(new Activity { Type = "message", Text = "second for " + turn.Activity.Conversation!.Id }, ct);
        });
        using var host = TestBotHost.Create(bot);
        using var client = host.CreateClient();

        var turns = Enumerable.Range(0, 20).Select(async i =>
        {
            var json = TestBotHost.MessageJson("hi").Replace("\"conv-1\"", $"\"conv-{i}\"");
            return (i, await TestBotHost.RepliesAsync(await TestBotHost.PostAsync(client, json)));
        });

        foreach (var (i, replies) in await Task.WhenAll(turns))
        {
            Assert.Equal([$"first for conv-{i}", $"second for conv-{i}"], replies.Select(r => r.Text));
            Assert.All(replies, r => Assert.Equal($"conv-{i}", r.Conversation?.Id));
        }
    }

    [Fact]
    public async Task Traces_reach_the_emulator_but_not_other_channels_while_middleware_sees_them_everywhere()
    {
        var seen = new List<string>();
        using var host = TestBotHost.Create(DelegateBot.Echo(), s => s.AddSingleton<IMiddleware>(new RecordingMiddleware("m", [], seen)));
        using var client = host.CreateClient();

        var emulator = await TestBotHost.RepliesAsync(await TestBotHost.PostAsync(client, TestBotHost.MessageJson("hi", channelId: "emulator")));
        var webchat = await TestBotHost.RepliesAsync(await TestBotHost.PostAsync(client, TestBotHost.MessageJson("hi", channelId: "webchat")));

        Assert.Equal(["message", "trace"], emulator.Select(a => a.Type));
        Assert.Equal("SpasmBot.Decision", emulator[1].Name);
        Assert.Equal(["message"], webchat.Select(a => a.Type));
        Assert.Equal(["sent message", "sent trace", "sent message", "sent trace"], seen);
    }
}

/// <summary>Logs when it runs and every activity the turn sends, like a transcript logger would.</summary>
internal sealed class RecordingMiddleware(string name, List<string> order, List<string>? sent = null) : IMiddleware
{
    public async Task OnTurnAsync(ITurnContext turnContext, Func<CancellationToken, Task> next, CancellationToken cancellationToken)
    {
        lock (order)
        {
            order.Add(name + " before");
        }
        turnContext.OnSendActivities(async (ctx, activities, nextSend) =>
        {
            if (sent is not null)
            {
                lock (sent)
                {
                    sent.AddRange(activities.Select(a => "sent " + a.Type));
                }
            }
            return await nextSend();
        });
        await next(cancellationToken);
        lock (order)
        {
            order.Add(name + " after");
        }
    }
}
