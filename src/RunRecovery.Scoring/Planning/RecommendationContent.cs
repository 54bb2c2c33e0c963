using System.Text.Json.Serialization;

namespace RunRecovery.Scoring.Planning;

/// <summary>
/// What a recommendation says to the runner, declared once for the two public documents that carry it: the plan
/// document's item (<see cref="PlanDocumentRecommendation"/>, <c>runrecovery plan --json</c>) and the API's queue
/// item (Application's <c>RecommendationView</c>). Each document derives from it and adds its own identity and
/// state; body parts are the kebab-case names (<see cref="PlanJson.BodyPartName"/>).
/// </summary>
/// <remarks>
/// System.Text.Json writes a base record's properties before the derived record's, each in declaration order, then
/// orders by <see cref="JsonPropertyOrderAttribute"/> (a stable sort). <see cref="Kind"/> goes first (order
/// <see cref="KindOrder"/>), so a document's fields with a lower order come before it and those with the same order
/// right after it: <c>id, key, kind, status, bodyParts …</c> in the queue item, <c>kind, bodyParts …, sources, id …</c>
/// in the plan item (docs/decisions/boundary-mirrors.md, "3: done").
/// </remarks>
public abstract record RecommendationContent(
    [property: JsonPropertyOrder(RecommendationContent.KindOrder)] string Kind,
    IReadOnlyList<string> BodyParts,
    string? Technique,
    string? Tool,
    int DurationMinutes,
    DateTimeOffset DueUtc,
    DateTimeOffset ExpiresUtc,
    int Priority,
    IReadOnlyList<string> Reasons,
    IReadOnlyList<string> Sources)
{
    /// <summary>The JSON order of <see cref="Kind"/>: before the other fields, whose order is 0.</summary>
    public const int KindOrder = -1;
}
