using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.Extensions.Options;
using SpasmBot.Protocol;

namespace SpasmBot.Channels;

/// <summary>
/// The WebSocket behind a conversation's <c>streamUrl</c>: first the activities after the client's watermark, then
/// each new one as it is logged, every message an ActivitySet; empty frames keep idle connections open
/// (DirectLineJS skips empty messages, and pings with empty messages itself).
/// </summary>
public sealed class DirectLineStream(IOptions<DirectLineOptions> options, TimeProvider time)
{
    public async Task RunAsync(WebSocket socket, DirectLineConversation conversation, string? watermark, CancellationToken cancellationToken)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var listener = conversation.Listen();
        try
        {
            var sent = DirectLineConversation.ParseWatermark(watermark);
            var backlog = conversation.After(watermark, int.MaxValue);
            if (backlog.Activities.Count > 0)
            {
                await SendAsync(socket, backlog, cts.Token);
                sent = DirectLineConversation.ParseWatermark(backlog.Watermark);
            }

            var clientGone = ReadUntilCloseAsync(socket, cts);
            var heartbeat = TimeSpan.FromSeconds(Math.Max(1, options.Value.StreamHeartbeatSeconds));
            Task<bool>? waitForActivity = null;
            while (!cts.IsCancellationRequested && socket.State == WebSocketState.Open)
            {
                waitForActivity ??= listener.Reader.WaitToReadAsync(cts.Token).AsTask();
                var tick = Task.Delay(heartbeat, time, cts.Token);
                var done = await Task.WhenAny(waitForActivity, tick, clientGone);
                if (done == clientGone || done.IsCanceled)
                {
                    break;
                }
                if (done == tick)
                {
                    await socket.SendAsync(ReadOnlyMemory<byte>.Empty, WebSocketMessageType.Text, true, cts.Token);
                    continue;
                }
                waitForActivity = null;
                var batch = new List<Activity>();
                while (listener.Reader.TryRead(out var item))
                {
                    if (item.Seq > sent)
                    {
                        batch.Add(item.Activity);
                        sent = item.Seq;
                    }
                }
                if (batch.Count > 0)
                {
                    await SendAsync(socket, new ActivitySet(batch, sent.ToString(System.Globalization.CultureInfo.InvariantCulture)), cts.Token);
                }
            }
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                // CloseOutputAsync, not CloseAsync: the read loop may still be waiting for the client's close.
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "closing", CancellationToken.None);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            // The page went away or the host is stopping: nothing to tell anyone.
        }
        finally
        {
            conversation.StopListening(listener);
            await cts.CancelAsync();
        }
    }

    private static Task SendAsync(WebSocket socket, ActivitySet set, CancellationToken cancellationToken)
        => socket.SendAsync(JsonSerializer.SerializeToUtf8Bytes(set, ProtocolJson.Options), WebSocketMessageType.Text, true, cancellationToken);

    private static async Task ReadUntilCloseAsync(WebSocket socket, CancellationTokenSource cts)
    {
        var buffer = new byte[4096];
        try
        {
            while (!cts.IsCancellationRequested)
            {
                var result = await socket.ReceiveAsync(buffer, cts.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
        }
    }
}
