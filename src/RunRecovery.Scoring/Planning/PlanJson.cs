using System.Text.Json;
using System.Text.Json.Serialization;

namespace RunRecovery.Scoring.Planning;

/// <summary>JSON settings for plan documents, profile.json and checkins.json (docs/recovery-model.md §9, §11):
/// camelCase names, enums as kebab-case words ("foam-roller", "lower-back"), dates as ISO 8601.</summary>
public static class PlanJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            WriteIndented = true,
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    public static string BodyPartName(BodyPart part) => JsonNamingPolicy.KebabCaseLower.ConvertName(part.ToString());

    public static RunnerProfile ReadProfile(string json) =>
        JsonSerializer.Deserialize<RunnerProfile>(json, Options) ?? RunnerProfile.Default;

    public static CheckinsDocument ReadCheckins(string json) =>
        JsonSerializer.Deserialize<CheckinsDocument>(json, Options) ?? new CheckinsDocument();

    public static string Write(PlanDocument document) => JsonSerializer.Serialize(document, Options);
}

/// <summary>The checkins.json file: soreness check-ins and feedback on recommendations.</summary>
public sealed record CheckinsDocument
{
    public IReadOnlyList<SorenessCheckin> Checkins { get; init; } = [];

    public IReadOnlyList<RecommendationFeedback> Feedback { get; init; } = [];
}
