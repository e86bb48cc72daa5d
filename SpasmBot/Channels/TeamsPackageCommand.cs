using System.CommandLine;

namespace SpasmBot.Channels;

/// <summary><c>teams package --bot-id &lt;guid&gt; [--out file.zip]</c>: builds and validates the Teams app package.</summary>
public static class TeamsPackageCommand
{
    public static Command Create(IServiceProvider services)
    {
        var botId = new Option<string>("--bot-id") { Description = "The Azure Bot's Microsoft App ID (a GUID).", Required = true };
        var appId = new Option<string?>("--app-id") { Description = "The Teams app id (a GUID); defaults to the bot id." };
        var website = new Option<string>("--website")
        {
            Description = "https address of your site; privacy and terms pages are expected at /privacy and /terms.",
            DefaultValueFactory = _ => "https://spasmbot.example.com",
        };
        var output = new Option<string>("--out") { Description = "Where to write the zip.", DefaultValueFactory = _ => "spasmbot-teams.zip" };
        var source = new Option<string?>("--source") { Description = "The folder with manifest.json and the icons (default: deploymentTemplates/teams)." };

        var package = new Command("package", "Build the Teams app package (manifest.json + color.png + outline.png) and validate it.")
        {
            botId, appId, website, output, source,
        };
        package.SetAction(parse =>
        {
            var folder = parse.GetValue(source) ?? FindTemplates();
            if (folder is null || !File.Exists(Path.Combine(folder, TeamsPackage.ManifestFile)))
            {
                Console.Error.WriteLine("No deploymentTemplates/teams/manifest.json found; pass --source <folder>.");
                return 2;
            }
            var (manifest, problems) = TeamsPackage.Prepare(folder, parse.GetValue(botId)!, parse.GetValue(appId), parse.GetValue(website)!);
            if (problems.Count > 0)
            {
                Console.Error.WriteLine("The Teams app package is not valid:");
                foreach (var problem in problems)
                {
                    Console.Error.WriteLine("  - " + problem);
                }
                return 1;
            }
            var zip = Path.GetFullPath(parse.GetValue(output)!);
            if (File.Exists(zip))
            {
                File.Delete(zip);
            }
            TeamsPackage.Write(folder, manifest, zip);
            Console.WriteLine($"Wrote {zip}. Upload it in Teams: Apps > Manage your apps > Upload an app.");
            return 0;
        });
        return new Command("teams", "Microsoft Teams app tools.") { package };
    }

    /// <summary>deploymentTemplates/teams above the working folder or the executable (repo checkout or published app).</summary>
    private static string? FindTemplates()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "deploymentTemplates", "teams");
                if (File.Exists(Path.Combine(candidate, TeamsPackage.ManifestFile)))
                {
                    return candidate;
                }
            }
        }
        return null;
    }
}
