using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace RunRecovery.Scoring.Planning;

/// <summary>JSON settings for plan documents (docs/recovery-model.md §11); profile.json and checkins.json are read by
/// <see cref="Input.PlanInput"/> under the strict contract (§9):
/// camelCase names, enums as kebab-case words ("foam-roller", "lower-back"), dates as ISO 8601; the recommendation items
/// in their constructor's order (<see cref="ConstructorOrder"/>).</summary>
public static class PlanJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            WriteIndented = true,
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver().WithAddedModifier(ConstructorOrder.Modifier),
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    public static string BodyPartName(BodyPart part) => JsonNamingPolicy.KebabCaseLower.ConvertName(part.ToString());

    public static string Write(PlanDocument document) => JsonSerializer.Serialize(document, Options);
}
