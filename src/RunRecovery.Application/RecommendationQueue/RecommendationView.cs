using RunRecovery.Application.Persistence;

namespace RunRecovery.Application.RecommendationQueue;

/// <summary>A recommendation as the runner sees it.</summary>
public sealed record RecommendationView(
    Guid Id,
    string Key,
    string Kind,
    string Status,
    IReadOnlyList<string> BodyParts,
    string? Technique,
    string? Tool,
    int DurationMinutes,
    DateTimeOffset DueUtc,
    DateTimeOffset ExpiresUtc,
    int Priority,
    IReadOnlyList<string> Reasons,
    IReadOnlyList<string> Sources,
    Guid? ActivityId,
    DateOnly? Day,
    DateTimeOffset? ActedAt,
    string? DismissReason,
    string? Delivery)
{
    public static RecommendationView From(StoredRecommendation row, DateTimeOffset now) => new(
        row.Id,
        row.Key,
        row.Kind,
        row.StatusAt(now),
        row.BodyParts,
        row.Technique,
        row.Tool,
        row.DurationMinutes,
        row.DueUtc,
        row.ExpiresUtc,
        row.Priority,
        row.Reasons,
        row.Sources,
        row.ActivityId is { } id && Guid.TryParse(id.Split('#')[0], out Guid activity) ? activity : null,
        row.Day,
        row.ActedAt,
        row.DismissReason,
        row.DeliveryState);
}
