using RunRecovery.Application.Persistence;
using RunRecovery.Scoring.Recommendations;

namespace RunRecovery.Application.RecommendationQueue;

/// <summary>A recommendation as the runner sees it. Since issue 14 a massage item is one session with ordered
/// <see cref="Steps"/> (massage per muscle, then stretches); <see cref="Status"/> may be "withdrawn", with the reason.
/// What it says is Scoring's <see cref="RecommendationContent"/>, written after the status: HTTP's JSON options write this
/// record in its constructor's order (<see cref="Scoring.Planning.ConstructorOrder"/>, applied by
/// <see cref="Contracts.ApiJsonConventions"/>).</summary>
public sealed record RecommendationView(
    Guid Id,
    string Key,
    string Kind,
    string Status,
    RecommendationContent Content,
    Guid? ActivityId,
    DateOnly? Day,
    DateTimeOffset? ActedAt,
    string? DismissReason,
    string? Delivery,
    IReadOnlyList<StoredRecommendationStep> Steps,
    IReadOnlyList<Guid> ActivityIds,
    string? Question,
    string? Trigger,
    DateTimeOffset? WithdrawnAt,
    string? WithdrawReason) : RecommendationContent(Content)
{
    public static RecommendationView From(StoredRecommendation row, DateTimeOffset now) => new(
        row.Id,
        row.Key,
        row.Kind,
        row.StatusAt(now),
        new RecommendationContent(row.BodyParts, row.Technique, row.Tool, row.DurationMinutes, row.DueUtc, row.ExpiresUtc, row.Priority, row.Reasons, row.Sources),
        ActivityGuid(row.ActivityId),
        row.Day,
        row.ActedAt,
        row.DismissReason,
        row.DeliveryState,
        row.Steps,
        [.. row.ActivityIds.Select(ActivityGuid).OfType<Guid>().Distinct()],
        row.Question,
        row.Trigger,
        row.WithdrawnAt,
        row.WithdrawReason);

    /// <summary>The planner's activity id is the activity's id, with "#n" for one session of a multisport file.</summary>
    private static Guid? ActivityGuid(string? plannerId) =>
        plannerId is { } id && Guid.TryParse(id.Split('#')[0], out Guid activity) ? activity : null;
}
