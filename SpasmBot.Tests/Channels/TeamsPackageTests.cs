using System.IO.Compression;
using System.Text.Json.Nodes;
using SpasmBot.Channels;

namespace SpasmBot.Tests.Channels;

public class TeamsPackageTests : IDisposable
{
    private const string BotId = "3f2d5a86-9b4e-4c1f-8a2b-6d7e8f9a0b1c";
    private readonly string _work = Directory.CreateTempSubdirectory("spasmbot-teams-").FullName;

    private static string Templates
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "deploymentTemplates", "teams");
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
            }
            throw new DirectoryNotFoundException("deploymentTemplates/teams");
        }
    }

    [Fact]
    public void The_package_has_the_manifest_and_both_icons_at_its_root_with_the_bot_id_filled_in()
    {
        var (manifest, problems) = TeamsPackage.Prepare(Templates, BotId, null, "https://clinic.example");
        Assert.Empty(problems);
        var zipPath = Path.Combine(_work, "app.zip");
        TeamsPackage.Write(Templates, manifest, zipPath);

        using var zip = ZipFile.OpenRead(zipPath);
        Assert.Equal(["color.png", "manifest.json", "outline.png"], zip.Entries.Select(e => e.FullName).Order());
        using var reader = new StreamReader(zip.GetEntry("manifest.json")!.Open());
        var packaged = JsonNode.Parse(reader.ReadToEnd())!;
        Assert.Equal(BotId, (string)packaged["bots"]![0]!["botId"]!);
        Assert.Equal(BotId, (string)packaged["id"]!);
        Assert.Equal("https://clinic.example/privacy", (string)packaged["developer"]!["privacyUrl"]!);
        Assert.Equal(["personal", "team", "groupChat"], packaged["bots"]![0]!["scopes"]!.AsArray().Select(s => (string)s!));
        Assert.NotEmpty(packaged["bots"]![0]!["commandLists"]![0]!["commands"]!.AsArray());
        Assert.Equal("1.29", (string)packaged["manifestVersion"]!);
    }

    [Fact]
    public void A_bot_id_that_is_not_a_guid_is_rejected()
    {
        var (_, problems) = TeamsPackage.Prepare(Templates, "my-bot", null, "https://clinic.example");
        Assert.Contains(problems, p => p.Contains("botId"));
    }

    [Fact]
    public void Missing_required_fields_and_bad_values_are_each_reported()
    {
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(Templates, "manifest.json")).Replace("${{BOT_ID}}", BotId)
            .Replace("${{TEAMS_APP_ID}}", BotId).Replace("${{WEBSITE_URL}}", "https://clinic.example"))!.AsObject();
        manifest.Remove("description");
        manifest["name"]!["short"] = "A name much longer than thirty characters";
        manifest["bots"]![0]!["scopes"] = new JsonArray("personal", "groupchat");
        manifest["developer"]!["websiteUrl"] = "http://insecure.example";

        var problems = TeamsPackage.Validate(manifest.ToJsonString(), name => File.ReadAllBytes(Path.Combine(Templates, name)));
        Assert.Contains(problems, p => p.StartsWith("description is required"));
        Assert.Contains(problems, p => p.StartsWith("name.short"));
        Assert.Contains(problems, p => p.Contains("\"groupchat\""));
        Assert.Contains(problems, p => p.Contains("websiteUrl"));
    }

    [Fact]
    public void Icons_of_the_wrong_size_or_an_opaque_outline_are_rejected()
    {
        foreach (var file in Directory.GetFiles(Templates))
        {
            File.Copy(file, Path.Combine(_work, Path.GetFileName(file)));
        }
        // Swap the icons: the colour icon is 192x192 and opaque green, so as an outline it fails both checks.
        File.Copy(Path.Combine(Templates, "color.png"), Path.Combine(_work, "outline.png"), overwrite: true);
        File.Copy(Path.Combine(Templates, "outline.png"), Path.Combine(_work, "color.png"), overwrite: true);

        var (_, problems) = TeamsPackage.Prepare(_work, BotId, null, "https://clinic.example");
        Assert.Contains(problems, p => p.StartsWith("icons.color") && p.Contains("192x192"));
        Assert.Contains(problems, p => p.StartsWith("icons.outline") && p.Contains("32x32"));
        Assert.Contains(problems, p => p.StartsWith("icons.outline") && p.Contains("white on a transparent"));
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);
}
