using System.Net;
using System.Text.RegularExpressions;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using SpasmBot.Protocol;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using SpasmBot.Operators;
using SpasmBot.Tests.Transcripts;
using SpasmBot.Transcripts;

namespace SpasmBot.Tests.Operators;

/// <summary>The whole host on a fresh data directory, with helpers to seed accounts and transcripts and to sign in.</summary>
public sealed partial class ConsoleFactory : WebApplicationFactory<Program>
{
    public string DataDirectory { get; } = TestDatabases.NewDirectory();
    public const string Password = "correct horse battery";

    /// <summary>A private copy of corpus/, so promotions write to its overrides.yaml and never to the repository's.</summary>
    public string CorpusDirectory { get; }

    public ConsoleFactory(bool kestrel = false)
    {
        CorpusDirectory = Path.Combine(DataDirectory, "corpus");
        CopyDirectory(TestCorpus.Directory, CorpusDirectory);
        if (kestrel)
        {
            UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("MicrosoftAppId", "");
        builder.UseSetting("Transcripts:DataDirectory", DataDirectory);
        builder.UseSetting("Transcripts:RetryInterval", "00:00:00.200");
        builder.UseSetting("Knowledge:CorpusPath", CorpusDirectory);
        builder.UseSetting("Operators:PasswordIterations", "100000");
    }

    /// <summary>The server's address when running on Kestrel.</summary>
    public Uri ServerAddress
    {
        get
        {
            StartServer();
            var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
            return new Uri(addresses.Addresses.First());
        }
    }

    /// <summary>Sends one message to /api/messages (expectReplies) and returns each bot message's text and cards as one string.</summary>
    public async Task<List<string>> AskBotAsync(HttpClient client, string conversationId, string text)
    {
        var json = JsonSerializer.Serialize(new
        {
            type = "message", id = Guid.NewGuid().ToString("N"), channelId = "webchat", serviceUrl = "http://localhost:50000",
            deliveryMode = "expectReplies", text, from = new { id = "visitor-" + conversationId, name = "Visitor" },
            recipient = new { id = "bot", name = "SpasmBot" }, conversation = new { id = conversationId },
        });
        var response = await client.PostAsync("/api/messages", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
        var replies = await response.Content.ReadFromJsonAsync<ExpectedReplies>(ProtocolJson.Options);
        return replies!.Activities.Where(a => a.Type == ActivityTypes.Message)
            .Select(a => a.Text + " " + JsonSerializer.Serialize(a.Attachments, ProtocolJson.Options)).ToList();
    }

    /// <summary>Waits until the background writer has stored what the test is looking for.</summary>
    public static async Task<T> EventuallyAsync<T>(Func<Task<T?>> probe)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for the transcript writer");
            await Task.Delay(50);
        }
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    public ITranscriptStore Store => Services.GetRequiredService<ITranscriptStore>();

    /// <summary>
    /// Waits until the writer has copied the whole journal into the store: a turn is acknowledged once it is in the
    /// journal, and the store (what the console reads) follows a moment later.
    /// </summary>
    public static async Task TranscriptsStoredAsync(IServiceProvider services)
    {
        var writer = services.GetRequiredService<TranscriptWriter>();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (writer.Backlog > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the transcript writer still has {writer.Backlog} journal bytes to store");
            await Task.Delay(10);
        }
    }

    public async Task AddOperatorAsync(string name, string role) =>
        await Services.GetRequiredService<OperatorAccounts>().AddAsync(name, role, Password);

    public HttpClient Client() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    public async Task<HttpClient> SignedInAsync(string name, string role)
    {
        await AddOperatorAsync(name, role);
        var client = Client();
        var response = await PostFormAsync(client, "/operators/login", "/operators/login", new() { ["user"] = name, ["password"] = Password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    /// <summary>Loads <paramref name="formPage"/> for its anti-forgery token, then posts the form like a browser.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string formPage, string action, Dictionary<string, string> fields)
    {
        var page = await client.GetStringAsync(formPage);
        var token = TokenPattern().Match(page);
        Assert.True(token.Success, "the page has no anti-forgery field");
        fields["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value);
        return await client.PostAsync(action, new FormUrlEncodedContent(fields));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // best effort: SQLite may still hold the file for a moment
        }
    }
}
