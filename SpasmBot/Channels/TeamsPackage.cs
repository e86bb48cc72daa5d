using System.Buffers.Binary;
using System.IO.Compression;
using System.Text.RegularExpressions;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SpasmBot.Channels;

/// <summary>
/// Builds the Teams app package (a zip of manifest.json, color.png and outline.png at its root) from
/// deploymentTemplates/teams, filling in the bot id, and checks what Teams rejects on upload: the manifest
/// schema's required fields and limits, GUID ids, bot scopes, and the icons' sizes and transparency.
/// </summary>
public static partial class TeamsPackage
{
    public const string ManifestFile = "manifest.json";
    private static readonly string[] Scopes = ["personal", "team", "groupChat", "copilot"];

    /// <summary>The manifest with placeholders filled in, plus the problems found; empty problems means valid.</summary>
    public static (string Manifest, IReadOnlyList<string> Problems) Prepare(string sourceFolder, string botId, string? appId, string websiteUrl)
    {
        var template = File.ReadAllText(Path.Combine(sourceFolder, ManifestFile));
        var manifest = template
            .Replace("${{BOT_ID}}", botId, StringComparison.Ordinal)
            .Replace("${{TEAMS_APP_ID}}", appId ?? botId, StringComparison.Ordinal)
            .Replace("${{WEBSITE_URL}}", websiteUrl.TrimEnd('/'), StringComparison.Ordinal);
        var problems = new List<string>();
        foreach (Match left in Placeholder().Matches(manifest))
        {
            problems.Add($"manifest.json: placeholder {left.Value} was not filled in.");
        }
        problems.AddRange(Validate(manifest, name =>
        {
            var path = Path.Combine(sourceFolder, name);
            return File.Exists(path) ? File.ReadAllBytes(path) : null;
        }));
        return (manifest, problems);
    }

    /// <summary>Writes the zip; the caller has checked <see cref="Prepare"/>'s problems.</summary>
    public static void Write(string sourceFolder, string manifest, string zipPath)
    {
        var icons = JsonNode.Parse(manifest)!["icons"]!;
        var folder = Path.GetDirectoryName(Path.GetFullPath(zipPath))!;
        Directory.CreateDirectory(folder);
        using var zip = ZipFile.Open(zipPath, ZipArchiveMode.Create);
        using (var writer = new StreamWriter(zip.CreateEntry(ManifestFile).Open()))
        {
            writer.Write(manifest);
        }
        foreach (var icon in new[] { (string)icons["color"]!, (string)icons["outline"]! })
        {
            zip.CreateEntryFromFile(Path.Combine(sourceFolder, icon), Path.GetFileName(icon));
        }
    }

    /// <summary>The checks Teams applies on upload that matter for a bot-only app (manifest schema v1.x required fields and limits).</summary>
    public static IReadOnlyList<string> Validate(string manifestJson, Func<string, byte[]?> readFile)
    {
        var problems = new List<string>();
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(manifestJson);
        }
        catch (JsonException e)
        {
            return [$"manifest.json is not valid JSON: {e.Message}"];
        }
        if (root is not JsonObject m)
        {
            return ["manifest.json must be a JSON object."];
        }

        var manifestVersion = Text(m, "manifestVersion");
        Require(problems, manifestVersion is not null, "manifestVersion is required.");
        var schema = Text(m, "$schema");
        if (manifestVersion is not null && schema is not null && !schema.Contains($"/v{manifestVersion}/", StringComparison.Ordinal))
        {
            problems.Add($"$schema ({schema}) does not match manifestVersion {manifestVersion}.");
        }
        Require(problems, Text(m, "version") is { } v && SemVer().IsMatch(v), "version must be a semantic version like 1.0.0.");
        Require(problems, Guid.TryParse(Text(m, "id"), out _), "id must be a GUID.");

        var developer = m["developer"] as JsonObject;
        Require(problems, developer is not null, "developer is required.");
        if (developer is not null)
        {
            Length(problems, developer, "developer.name", "name", 32);
            foreach (var url in new[] { "websiteUrl", "privacyUrl", "termsOfUseUrl" })
            {
                Require(problems, Uri.TryCreate(Text(developer, url), UriKind.Absolute, out var u) && u.Scheme == Uri.UriSchemeHttps,
                    $"developer.{url} must be an https URL.");
            }
        }
        if (m["name"] is JsonObject name)
        {
            Length(problems, name, "name.short", "short", 30);
            Length(problems, name, "name.full", "full", 100, required: false);
        }
        else
        {
            problems.Add("name is required.");
        }
        if (m["description"] is JsonObject description)
        {
            Length(problems, description, "description.short", "short", 80);
            Length(problems, description, "description.full", "full", 4000);
        }
        else
        {
            problems.Add("description is required.");
        }
        Require(problems, Text(m, "accentColor") is { } accent && HexColour().IsMatch(accent), "accentColor must be a hex colour like #0B6E4F.");

        if (m["icons"] is JsonObject icons)
        {
            CheckIcon(problems, readFile, Text(icons, "color"), "icons.color", 192, outline: false);
            CheckIcon(problems, readFile, Text(icons, "outline"), "icons.outline", 32, outline: true);
        }
        else
        {
            problems.Add("icons is required.");
        }

        if (m["bots"] is JsonArray bots)
        {
            Require(problems, bots.Count == 1, "bots must have exactly one entry.");
            foreach (var bot in bots.OfType<JsonObject>())
            {
                Require(problems, Guid.TryParse(Text(bot, "botId"), out _), "bots[0].botId must be a GUID (the Azure Bot's Microsoft App ID).");
                var scopes = (bot["scopes"] as JsonArray)?.Select(s => s?.GetValue<string>()).ToList() ?? [];
                Require(problems, scopes.Count > 0, "bots[0].scopes must list at least one scope.");
                foreach (var scope in scopes.Where(s => !Scopes.Contains(s)))
                {
                    problems.Add($"bots[0].scopes: unknown scope \"{scope}\" (use personal, team, groupChat or copilot).");
                }
                var lists = bot["commandLists"] as JsonArray ?? [];
                Require(problems, lists.Count <= 3, "bots[0].commandLists may have at most 3 lists.");
                foreach (var list in lists.OfType<JsonObject>())
                {
                    var commands = list["commands"] as JsonArray ?? [];
                    Require(problems, commands.Count is > 0 and <= 12, "each command list needs 1 to 12 commands.");
                    foreach (var command in commands.OfType<JsonObject>())
                    {
                        Length(problems, command, "command title", "title", 32);
                        Length(problems, command, "command description", "description", 128);
                    }
                }
            }
        }
        else
        {
            problems.Add("bots is required for SpasmBot's app.");
        }
        return problems;
    }

    private static void CheckIcon(List<string> problems, Func<string, byte[]?> readFile, string? file, string field, int size, bool outline)
    {
        if (string.IsNullOrEmpty(file))
        {
            problems.Add($"{field} is required.");
            return;
        }
        var bytes = readFile(file);
        if (bytes is null)
        {
            problems.Add($"{field}: {file} is missing.");
            return;
        }
        var image = Png.Read(bytes);
        if (image is null)
        {
            problems.Add($"{field}: {file} is not a PNG.");
            return;
        }
        if (image.Width != size || image.Height != size)
        {
            problems.Add($"{field}: {file} is {image.Width}x{image.Height}; Teams needs {size}x{size}.");
        }
        if (!outline)
        {
            return;
        }
        if (image.Rgba is null)
        {
            problems.Add($"{field}: {file} must be an 8-bit RGBA PNG (white on transparent).");
            return;
        }
        var pixels = image.Rgba;
        var anyTransparent = false;
        for (var i = 0; i < pixels.Length; i += 4)
        {
            var alpha = pixels[i + 3];
            anyTransparent |= alpha == 0;
            if (alpha != 0 && (pixels[i] != 255 || pixels[i + 1] != 255 || pixels[i + 2] != 255))
            {
                problems.Add($"{field}: {file} must be white on a transparent background.");
                return;
            }
        }
        Require(problems, anyTransparent, $"{field}: {file} must have a transparent background.");
    }

    private static string? Text(JsonObject o, string name)
        => o[name] is JsonValue value && value.TryGetValue<string>(out var s) ? s : null;

    private static void Require(List<string> problems, bool ok, string problem)
    {
        if (!ok)
        {
            problems.Add(problem);
        }
    }

    private static void Length(List<string> problems, JsonObject o, string label, string name, int max, bool required = true)
    {
        var value = Text(o, name);
        if (string.IsNullOrWhiteSpace(value))
        {
            Require(problems, !required, $"{label} is required.");
        }
        else if (value.Length > max)
        {
            problems.Add($"{label} is {value.Length} characters; the limit is {max}.");
        }
    }

    [GeneratedRegex(@"\$\{\{[A-Z_]+\}\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"^\d+\.\d+\.\d+$")]
    private static partial Regex SemVer();

    [GeneratedRegex("^#[0-9A-Fa-f]{6}$")]
    private static partial Regex HexColour();

    /// <summary>Just enough PNG reading to check icon sizes and an 8-bit RGBA outline's pixels.</summary>
    private sealed record Png(int Width, int Height, byte[]? Rgba)
    {
        private static readonly byte[] Signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

        public static Png? Read(byte[] bytes)
        {
            if (bytes.Length < 33 || !bytes.AsSpan(0, 8).SequenceEqual(Signature))
            {
                return null;
            }
            int width = 0, height = 0, bitDepth = 0, colourType = 0, interlace = 0;
            using var idat = new MemoryStream();
            for (var at = 8; at + 8 <= bytes.Length;)
            {
                var length = (int)BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(at));
                var type = System.Text.Encoding.ASCII.GetString(bytes, at + 4, 4);
                if (length < 0 || at + 12 + length > bytes.Length)
                {
                    return null;
                }
                var data = bytes.AsSpan(at + 8, length);
                if (type == "IHDR")
                {
                    width = (int)BinaryPrimitives.ReadUInt32BigEndian(data);
                    height = (int)BinaryPrimitives.ReadUInt32BigEndian(data[4..]);
                    bitDepth = data[8];
                    colourType = data[9];
                    interlace = data[12];
                }
                else if (type == "IDAT")
                {
                    idat.Write(data);
                }
                at += 12 + length;
            }
            if (width <= 0 || height <= 0)
            {
                return null;
            }
            if (bitDepth != 8 || colourType != 6 || interlace != 0 || width > 1024 || height > 1024)
            {
                return new Png(width, height, null);
            }
            return new Png(width, height, Unfilter(idat.ToArray(), width, height));
        }

        private static byte[]? Unfilter(byte[] compressed, int width, int height)
        {
            const int bpp = 4;
            var stride = width * bpp;
            var raw = new byte[(stride + 1) * height];
            try
            {
                using var inflater = new ZLibStream(new MemoryStream(compressed), CompressionMode.Decompress);
                inflater.ReadExactly(raw);
            }
            catch (Exception e) when (e is InvalidDataException or EndOfStreamException)
            {
                return null;
            }
            var pixels = new byte[stride * height];
            for (var y = 0; y < height; y++)
            {
                var filter = raw[y * (stride + 1)];
                for (var x = 0; x < stride; x++)
                {
                    int a = x >= bpp ? pixels[y * stride + x - bpp] : 0;
                    int b = y > 0 ? pixels[(y - 1) * stride + x] : 0;
                    int c = x >= bpp && y > 0 ? pixels[(y - 1) * stride + x - bpp] : 0;
                    var value = raw[y * (stride + 1) + 1 + x];
                    pixels[y * stride + x] = (byte)(filter switch
                    {
                        1 => value + a,
                        2 => value + b,
                        3 => value + (a + b) / 2,
                        4 => value + Paeth(a, b, c),
                        _ => value,
                    });
                }
            }
            return pixels;
        }

        private static int Paeth(int a, int b, int c)
        {
            var p = a + b - c;
            int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
            return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
        }
    }
}
