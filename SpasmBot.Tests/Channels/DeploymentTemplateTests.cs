using System.Text.Json;
using System.Text.Json.Nodes;

namespace SpasmBot.Tests.Channels;

/// <summary>The Azure templates parse, their parameter files fit them, and they set what the bot reads.</summary>
public class DeploymentTemplateTests
{
    /// <summary>
    /// Top-level appsettings.json sections whose defaults suit Azure as they are (tuning, logging). Anything else the
    /// bot reads must be set by the template. A new section fails this test until it is added to one or the other.
    /// </summary>
    // Retention, redaction and console defaults suit Azure; the template still puts transcripts' local files (and the
    // pseudonym key) under /home, outside the deployed folder, where App Service keeps them for all instances.
    private static readonly HashSet<string> DefaultsSuitAzure = ["Logging", "AllowedHosts", "Conversation", "Knowledge", "Search", "Safety", "BotFramework", "Transcripts", "Operators"];

    private static string Repo
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (Directory.Exists(Path.Combine(dir.FullName, "deploymentTemplates", "azure")))
                {
                    return dir.FullName;
                }
            }
            throw new DirectoryNotFoundException("deploymentTemplates/azure");
        }
    }

    private static JsonObject Template => Load("azuredeploy.json");

    private static JsonObject Load(string file)
        => JsonNode.Parse(File.ReadAllText(Path.Combine(Repo, "deploymentTemplates", "azure", file)))!.AsObject();

    private static JsonObject Resource(string type)
        => Template["resources"]!.AsArray().Select(r => r!.AsObject()).Single(r => (string)r["type"]! == type);

    public static TheoryData<string> ParameterFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(Repo, "deploymentTemplates", "azure"), "azuredeploy.parameters*.json"))
        {
            data.Add(Path.GetFileName(file));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(ParameterFiles))]
    public void Each_parameter_file_names_only_template_parameters_and_gives_every_required_one(string file)
    {
        var declared = Template["parameters"]!.AsObject();
        var given = Load(file)["parameters"]!.AsObject();
        foreach (var (name, _) in given)
        {
            Assert.True(declared.ContainsKey(name), $"{file}: {name} is not a template parameter");
        }
        foreach (var (name, definition) in declared)
        {
            if (definition!["defaultValue"] is null)
            {
                Assert.True(given.ContainsKey(name), $"{file}: required parameter {name} is missing");
            }
        }
        foreach (var (name, value) in given)
        {
            var allowed = declared[name]!["allowedValues"]?.AsArray().Select(v => v!.ToJsonString()).ToList();
            if (allowed is not null)
            {
                Assert.Contains(value!["value"]!.ToJsonString(), allowed);
            }
        }
    }

    [Fact]
    public void The_web_app_is_linux_dotnet_10_https_only_always_on_with_web_sockets()
    {
        var site = Resource("Microsoft.Web/sites");
        var config = site["properties"]!["siteConfig"]!;
        Assert.Equal("DOTNETCORE|10.0", (string)config["linuxFxVersion"]!);
        Assert.True((bool)site["properties"]!["httpsOnly"]!);
        Assert.True((bool)config["alwaysOn"]!);
        Assert.True((bool)config["webSocketsEnabled"]!);
        Assert.True((bool)Resource("Microsoft.Web/serverfarms")["properties"]!["reserved"]!);
        Assert.Equal("UserAssigned", (string)site["identity"]!["type"]!);
    }

    [Fact]
    public void The_bot_defaults_to_a_managed_identity_and_never_to_multi_tenant()
    {
        var appType = Template["parameters"]!["appType"]!;
        Assert.Equal("UserAssignedMSI", (string)appType["defaultValue"]!);
        Assert.DoesNotContain("MultiTenant", appType["allowedValues"]!.AsArray().Select(v => (string)v!));
        var bot = Resource("Microsoft.BotService/botServices");
        Assert.Contains("msaAppMSIResourceId", bot["properties"]!.AsObject().Select(p => p.Key));
        Assert.EndsWith("/api/messages')]", (string)bot["properties"]!["endpoint"]!);
        Resource("Microsoft.ManagedIdentity/userAssignedIdentities");
    }

    [Fact]
    public void Postgres_is_optional_and_only_then_sets_the_transcripts_connection_string()
    {
        var postgres = Resource("Microsoft.DBforPostgreSQL/flexibleServers");
        Assert.Equal("[parameters('deployPostgres')]", (string)postgres["condition"]!);
        var settings = AppSettingsExpression();
        Assert.Contains("if(parameters('deployPostgres'), variables('postgresSettings'), createArray())", settings);
        Assert.Equal("ConnectionStrings__Transcripts", (string)Template["variables"]!["postgresSettings"]![0]!["name"]!);
    }

    [Fact]
    public void The_app_password_is_only_set_for_a_single_tenant_app()
    {
        Assert.Contains("if(variables('useMsi'), createArray(), variables('passwordSettings'))", AppSettingsExpression());
        Assert.Equal("MicrosoftAppPassword", (string)Template["variables"]!["passwordSettings"]![0]!["name"]!);
    }

    [Fact]
    public void Every_setting_the_bot_reads_is_set_by_the_template_or_fine_by_default()
    {
        var appsettings = JsonNode.Parse(File.ReadAllText(Path.Combine(Repo, "SpasmBot", "appsettings.json")))!.AsObject();
        var everything = AppSettingsExpression() + Template["variables"]!.ToJsonString();
        foreach (var (key, _) in appsettings)
        {
            if (DefaultsSuitAzure.Contains(key))
            {
                continue;
            }
            var envName = key == "Urls" ? "URLS" : key;
            Assert.True(new[] { $"'{envName}'", $"'{envName}__", $"\"{envName}\"", $"\"{envName}__" }.Any(everything.Contains),
                $"appsettings.json's {key} is not set by deploymentTemplates/azure/azuredeploy.json");
        }
        // Transcripts (and the pseudonym key kept beside them) go to /home: persistent, and shared by all instances.
        foreach (var required in new[] { "MicrosoftAppType", "MicrosoftAppId", "MicrosoftAppTenantId", "DirectLine__Secret", "DirectLine__AllowedOrigins__0", "Transcripts__DataDirectory" })
        {
            Assert.Contains($"'{required}'", everything);
        }
    }

    [Fact]
    public void Template_expressions_have_balanced_brackets_and_quotes()
    {
        foreach (var value in Strings(Template).Where(s => s.StartsWith('[') && s.EndsWith(']')))
        {
            Assert.Equal(value.Count(c => c == '('), value.Count(c => c == ')'));
            Assert.Equal(0, value.Count(c => c == '\'') % 2);
        }
    }

    private static string AppSettingsExpression()
        => (string)Resource("Microsoft.Web/sites")["properties"]!["siteConfig"]!["appSettings"]!;

    private static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => Strings(p.Value).Append(p.Key)),
        JsonArray a => a.SelectMany(Strings),
        JsonValue v when v.GetValueKind() == JsonValueKind.String => [(string)v!],
        _ => [],
    };
}
