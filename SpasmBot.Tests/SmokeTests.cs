using SpasmBot.Protocol;
using System.Text.Json;

namespace SpasmBot.Tests;

public class ActivityJsonTests
{
    [Fact]
    public void Unknown_fields_survive_a_round_trip_and_nulls_are_omitted()
    {
        var json = """{"type":"message","text":"hi","conversation":{"id":"c1"},"futureField":{"a":1}}""";
        var activity = JsonSerializer.Deserialize<Activity>(json, ProtocolJson.Options)!;
        var back = JsonSerializer.Serialize(activity, ProtocolJson.Options);
        Assert.Contains("\"futureField\":{\"a\":1}", back);
        Assert.DoesNotContain("null", back);
        Assert.Equal("hi", activity.Text);
    }
}
