using System.Text.Json.Serialization;
using RunRecovery.Application.Persistence;
using RunRecovery.Scoring.Planning;

namespace RunRecovery.Application.RecommendationQueue;

/// <summary>A recommendation as the runner sees it: what it says (<see cref="RecommendationContent"/>, shared with the
/// plan document), the stored row's id and state. Since issue 14 a massage item is one session with ordered
/// <see cref="Steps"/> (massage per muscle, then stretches); <see cref="Status"/> may be "withdrawn", with the reason.
/// <see cref="Id"/> and <see cref="Key"/> go before the content's <c>kind</c>, <see cref="Status"/> right after it.</summary>
public sealed record RecommendationView : RecommendationContent
{
    private const int BeforeKind = KindOrder - 1;

    private RecommendationView(StoredRecommendation row, DateTimeOffset now)
        : base(row.Kind, row.BodyParts, row.Technique, row.Tool, row.DurationMinutes, row.DueUtc, row.ExpiresUtc, row.Priority, row.Reasons, row.Sources)
    {
        Id = row.Id;
        Key = row.Key;
        Status = row.StatusAt(now);
        ActivityId = ActivityGuid(row.ActivityId);
        Day = row.Day;
        ActedAt = row.ActedAt;
        DismissReason = row.DismissReason;
        Delivery = row.DeliveryState;
        Steps = row.Steps;
        ActivityIds = [.. row.ActivityIds.Select(ActivityGuid).OfType<Guid>().Distinct()];
        Question = row.Question;
        Trigger = row.Trigger;
        WithdrawnAt = row.WithdrawnAt;
        WithdrawReason = row.WithdrawReason;
    }

    [JsonPropertyOrder(BeforeKind)]
    public Guid Id { get; init; }

    [JsonPropertyOrder(BeforeKind)]
    public string Key { get; init; }

    [JsonPropertyOrder(KindOrder)]
    public string Status { get; init; }

    public Guid? ActivityId { get; init; }

    public DateOnly? Day { get; init; }

    public DateTimeOffset? ActedAt { get; init; }

    public string? DismissReason { get; init; }

    public string? Delivery { get; init; }

    public IReadOnlyList<StoredRecommendationStep> Steps { get; init; }

    public IReadOnlyList<Guid> ActivityIds { get; init; }

    public string? Question { get; init; }

    public string? Trigger { get; init; }

    public DateTimeOffset? WithdrawnAt { get; init; }

    public string? WithdrawReason { get; init; }

    public static RecommendationView From(StoredRecommendation row, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new RecommendationView(row, now);
    }

    /// <summary>The planner's activity id is the activity's id, with "#n" for one session of a multisport file.</summary>
    private static Guid? ActivityGuid(string? plannerId) =>
        plannerId is { } id && Guid.TryParse(id.Split('#')[0], out Guid activity) ? activity : null;
}
