using System.Text.Json;
using Json.Schema;

namespace RunRecovery.Scoring.Tests.Planning;

/// <summary>The published JSON Schemas (docs/schemas/), found beside the repository's docs folder.</summary>
internal static class Schemas
{
    private static readonly Lazy<(JsonSchema Profile, JsonSchema Checkin, JsonSchema CheckinsFile)> Loaded = new(Load);

    public static JsonSchema Profile => Loaded.Value.Profile;

    public static JsonSchema Checkin => Loaded.Value.Checkin;

    public static JsonSchema CheckinsFile => Loaded.Value.CheckinsFile;

    public static string Folder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "docs", "schemas");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("docs/schemas not found above " + AppContext.BaseDirectory);
    }

    public static bool Valid(JsonSchema schema, string json)
    {
        using var document = JsonDocument.Parse(json);
        return schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.Flag }).IsValid;
    }

    private static (JsonSchema, JsonSchema, JsonSchema) Load()
    {
        string folder = Folder();
        var profile = JsonSchema.FromText(File.ReadAllText(Path.Combine(folder, "profile.schema.json")));
        var checkin = JsonSchema.FromText(File.ReadAllText(Path.Combine(folder, "checkin.schema.json")));
        SchemaRegistry.Global.Register(checkin);
        var file = JsonSchema.FromText(File.ReadAllText(Path.Combine(folder, "checkins-file.schema.json")));
        return (profile, checkin, file);
    }
}
