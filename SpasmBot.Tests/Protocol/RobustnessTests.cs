using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Text;

namespace SpasmBot.Tests.Protocol;

public class RobustnessTests
{
    private const string Valid = """{"type":"message","id":"1","channelId":"emulator","serviceUrl":"http://localhost:1","deliveryMode":"expectReplies","text":"hi","from":{"id":"u"},"recipient":{"id":"b"},"conversation":{"id":"c"},"timestamp":"2026-01-01T00:00:00Z","entities":[{"type":"clientInfo"}],"value":{"a":[1,2]}}""";

    private static readonly string[] Swaps =
    [
        "\"text\":123", "\"conversation\":5", "\"from\":\"x\"", "\"membersAdded\":{}", "\"membersAdded\":[null]",
        "\"timestamp\":\"yesterday\"", "\"entities\":7", "\"attachments\":[{\"content\":null}]", "\"suggestedActions\":[]",
        "\"type\":null", "\"type\":\"\"", "\"conversation\":{\"id\":null}", "\"value\":\"\\ud800\"", "\"channelData\":[]",
    ];

    /// <summary>Hundreds of damaged activities: each gets a clear 400 or is handled (200), never a 500.</summary>
    [Fact]
    public async Task Damaged_activities_never_crash_the_host()
    {
        // Damage to deliveryMode turns some into normal deliveries: the channel is a stub that accepts them.
        var channel = new StubHttpHandler((_, _) => StubHttpHandler.Json("{}"));
        using var host = TestBotHost.Create(DelegateBot.Echo(),
            s => s.AddHttpClient(nameof(SpasmBot.Protocol.ConnectorClient)).ConfigurePrimaryHttpMessageHandler(() => channel));
        using var client = host.CreateClient();
        var random = new Random(20261122);
        var statuses = new Dictionary<HttpStatusCode, int>();

        for (var i = 0; i < 300; i++)
        {
            var bytes = Encoding.UTF8.GetBytes(Valid).ToList();
            switch (i % 4)
            {
                case 0:
                    bytes = bytes.Take(random.Next(bytes.Count)).ToList();
                    break;
                case 1:
                    bytes[random.Next(bytes.Count)] = (byte)random.Next(256);
                    break;
                case 2:
                    bytes.InsertRange(random.Next(bytes.Count), Encoding.UTF8.GetBytes(new[] { "{", "}", "[", "\"", ",", ":", "\\", "null" }[random.Next(8)]));
                    break;
                default:
                    // A field of the wrong shape, in place of the id (or of the type, for type swaps).
                    var swap = Swaps[random.Next(Swaps.Length)];
                    var replaced = swap.StartsWith("\"type\"") ? "\"type\":\"message\"" : "\"id\":\"1\"";
                    bytes = Encoding.UTF8.GetBytes(Valid.Replace(replaced, swap)).ToList();
                    break;
            }
            var content = new ByteArrayContent(bytes.ToArray());
            content.Headers.ContentType = new("application/json");

            var response = await client.PostAsync("/api/messages", content);

            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest,
                $"{(int)response.StatusCode} for {Encoding.UTF8.GetString(bytes.ToArray())}");
            statuses[response.StatusCode] = statuses.GetValueOrDefault(response.StatusCode) + 1;
        }

        Assert.True(statuses.GetValueOrDefault(HttpStatusCode.BadRequest) > 50, "most damage is reported as a bad request");
    }
}
