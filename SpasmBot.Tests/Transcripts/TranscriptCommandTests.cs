using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SpasmBot.Cli;
using SpasmBot.Conversation;
using SpasmBot.Operators;
using SpasmBot.Tests.Operators;
using SpasmBot.Transcripts;

namespace SpasmBot.Tests.Transcripts;

/// <summary>The transcripts and operators commands against the host's services (file output, so tests never share the console).</summary>
public class TranscriptCommandTests : IAsyncLifetime
{
    private readonly ConsoleFactory _factory = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Export_writes_json_lines_or_csv_to_a_file()
    {
        await _factory.Store.WriteAsync(TestEvents.Turn("c1", "first question", Routes.Answer, DateTimeOffset.UtcNow.AddMinutes(-2)));
        await _factory.Store.WriteAsync(TestEvents.Turn("c2", "second, with a comma", Routes.NoAnswer, DateTimeOffset.UtcNow.AddMinutes(-1)));
        var json = Path.Combine(_factory.DataDirectory, "out.jsonl");
        var csv = Path.Combine(_factory.DataDirectory, "out.csv");

        Assert.Equal(0, await CommandLineApp.RunAsync(_factory.Services, ["transcripts", "export", "--out", json]));
        Assert.Equal(0, await CommandLineApp.RunAsync(_factory.Services, ["transcripts", "export", "--out", csv, "--format", "csv"]));

        var lines = await File.ReadAllLinesAsync(json);
        Assert.Equal(["c2", "c1"], lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("conversationId").GetString()));
        var rows = await File.ReadAllLinesAsync(csv);
        Assert.Equal(7, rows.Length);
        Assert.Contains(rows, r => r.Contains("\"second, with a comma\""));
        Assert.NotEqual(0, await CommandLineApp.RunAsync(_factory.Services, ["transcripts", "export", "--format", "xml"]));
    }

    [Fact]
    public async Task Purge_deletes_conversations_older_than_the_given_days()
    {
        await _factory.Store.WriteAsync(TestEvents.Turn("old", "old", Routes.Answer, DateTimeOffset.UtcNow.AddDays(-10)));
        await _factory.Store.WriteAsync(TestEvents.Turn("new", "new", Routes.Answer, DateTimeOffset.UtcNow));
        Assert.Equal(0, await CommandLineApp.RunAsync(_factory.Services, ["transcripts", "purge", "--older-than", "7"]));
        Assert.Null(await _factory.Store.GetAsync("old"));
        Assert.NotNull(await _factory.Store.GetAsync("new"));
        Assert.Equal(1, await CommandLineApp.RunAsync(_factory.Services, ["transcripts", "show", "old"]));
        Assert.Equal(0, await CommandLineApp.RunAsync(_factory.Services, ["transcripts", "show", "new"]));
    }

    [Fact]
    public async Task Operators_add_creates_an_account_that_can_sign_in_and_remove_deletes_it()
    {
        Assert.Equal(0, await CommandLineApp.RunAsync(_factory.Services, ["operators", "add", "--user", "root", "--role", "admin", "--password", "a long enough password"]));
        var accounts = _factory.Services.GetRequiredService<OperatorAccounts>();
        Assert.Equal(SignInResult.Success, (await accounts.SignInAsync("root", "a long enough password")).Result);
        Assert.Equal(OperatorRoles.Admin, (await accounts.FindAsync("root"))!.Role);
        Assert.NotEqual(0, await CommandLineApp.RunAsync(_factory.Services, ["operators", "add", "--user", "x", "--role", "admin", "--password", "short"]));
        Assert.NotEqual(0, await CommandLineApp.RunAsync(_factory.Services, ["operators", "add", "--user", "x", "--role", "god", "--password", "a long enough password"]));
        Assert.Equal(0, await CommandLineApp.RunAsync(_factory.Services, ["operators", "remove", "--user", "root"]));
        Assert.Null(await accounts.FindAsync("root"));
    }
}
