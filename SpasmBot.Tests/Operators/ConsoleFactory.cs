using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
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

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Transcripts:DataDirectory", DataDirectory);
        builder.UseSetting("Operators:PasswordIterations", "100000");
    }

    public ITranscriptStore Store => Services.GetRequiredService<ITranscriptStore>();

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
