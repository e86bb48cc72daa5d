using System.Net.Sockets;
using System.Text;
using SpasmBot.Tests.Operators;

namespace SpasmBot.Tests.Proof;

/// <summary>
/// Header injection and broken HTTP framing, written byte by byte to the real Kestrel server (an HttpClient would
/// refuse to send them): Kestrel answers 4xx or drops the connection, never 5xx, and the bot keeps answering.
/// </summary>
[Trait("Category", "Proof")]
[Trait("Proof", "Hostile input")]
public sealed class RawHttpHostileInputTests : IAsyncLifetime
{
    private readonly ConsoleFactory _factory = new(kestrel: true);
    private Uri _server = null!;

    public Task InitializeAsync()
    {
        _server = _factory.ServerAddress;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private const string Body = """{"type":"message","id":"r1","channelId":"emulator","serviceUrl":"http://localhost:1","deliveryMode":"expectReplies","text":"heat or ice","from":{"id":"v"},"recipient":{"id":"b"},"conversation":{"id":"raw-http"}}""";

    public static TheoryData<string> Cases() =>
    [
        "bare CR inside a header value", "NUL inside a header value", "LF-only line ends with an injected header",
        "non-ASCII bytes in a header", "100 KB header", "CR/LF in the Content-Type", "bad chunk size",
        "Content-Length larger than the body", "two Content-Length headers", "Content-Length and chunked together",
    ];

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Broken_requests_get_a_4xx_or_are_dropped_and_the_host_keeps_serving(string name)
    {
        var request = name switch
        {
            "bare CR inside a header value" => Post("X-Note: a\rInjected: yes\r\n"),
            "NUL inside a header value" => Post("X-Note: a\0b\r\n"),
            "LF-only line ends with an injected header" => Post("X-Note: a\nSet-Cookie: injected=1\r\n"),
            "non-ASCII bytes in a header" => Post("X-Note: caf\u00e9 \u00ff\r\n", latin1: true),
            "100 KB header" => Post("X-Big: " + new string('a', 100 * 1024) + "\r\n"),
            "CR/LF in the Content-Type" => Post("", contentType: "application/json\r\nX-Injected: 1"),
            "bad chunk size" => "POST /api/messages HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nZZZ\r\n" + Body + "\r\n0\r\n\r\n",
            "Content-Length larger than the body" => $"POST /api/messages HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {Body.Length + 1000}\r\n\r\n{Body}",
            "two Content-Length headers" => $"POST /api/messages HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {Body.Length}\r\nContent-Length: 5\r\n\r\n{Body}",
            "Content-Length and chunked together" => $"POST /api/messages HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n{Body.Length:x}\r\n{Body}\r\n0\r\n\r\n",
            _ => throw new ArgumentOutOfRangeException(nameof(name)),
        };

        var response = await SendRawAsync(request, latin1: name == "non-ASCII bytes in a header");

        var status = StatusOf(response);
        Assert.True(status is null || (status >= 400 && status < 500) || (status == 200 && !response.Contains("injected", StringComparison.OrdinalIgnoreCase)),
            $"{name}: {response[..Math.Min(200, response.Length)]}");
        Assert.DoesNotContain("Set-Cookie: injected", response);
        await AssertStillServingAsync();
    }

    private static string Post(string extraHeaders, string contentType = "application/json", bool latin1 = false) =>
        $"POST /api/messages HTTP/1.1\r\nHost: x\r\nContent-Type: {contentType}\r\n{extraHeaders}Content-Length: {Encoding.UTF8.GetByteCount(Body)}\r\nConnection: close\r\n\r\n{Body}";

    /// <summary>Writes the bytes as they are and reads until the server answers or closes (or 10 s pass).</summary>
    private async Task<string> SendRawAsync(string request, bool latin1)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(_server.Host, _server.Port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(latin1 ? Encoding.Latin1.GetBytes(request) : Encoding.UTF8.GetBytes(request));
        tcp.Client.Shutdown(SocketShutdown.Send); // the truncated-body case must end: the client has nothing more to send
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var received = new MemoryStream();
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, timeout.Token)) > 0)
            {
                received.Write(buffer, 0, read);
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException)
        {
            // reset or no answer: the connection was dropped
        }
        return Encoding.Latin1.GetString(received.ToArray());
    }

    private static int? StatusOf(string response) =>
        response.StartsWith("HTTP/1.1 ", StringComparison.Ordinal) && int.TryParse(response.AsSpan(9, 3), out var status) ? status : null;

    private async Task AssertStillServingAsync()
    {
        using var client = new HttpClient { BaseAddress = _server };
        var replies = await _factory.AskBotAsync(client, "raw-follow-up-" + Guid.NewGuid().ToString("N"), "how do I sleep with a back spasm");
        Assert.NotEmpty(replies);
    }
}
