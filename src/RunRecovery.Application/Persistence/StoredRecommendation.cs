namespace RunRecovery.Application.Persistence;

/// <summary>
/// One item of a runner's queue. <see cref="Key"/> is the planner's deterministic id, so a recompute finds the
/// row again: acted-on rows (done, dismissed) are never re-created, open rows are updated or removed.
/// </summary>
public sealed class StoredRecommendation
{
    public Guid Id { get; set; }

    public Guid RunnerId { get; set; }

    public string Key { get; set; } = "";

    public string Kind { get; set; } = "";

    public List<string> BodyParts { get; set; } = [];

    public string? Technique { get; set; }

    public string? Tool { get; set; }

    public int DurationMinutes { get; set; }

    public DateTimeOffset DueUtc { get; set; }

    public DateTimeOffset ExpiresUtc { get; set; }

    public int Priority { get; set; }

    public List<string> Reasons { get; set; } = [];

    public List<string> Sources { get; set; } = [];

    /// <summary>The planner's activity id (an activity's id, with "#n" for a session of a multisport file).</summary>
    public string? ActivityId { get; set; }

    public DateOnly? Day { get; set; }

    /// <summary>open, done or dismissed; due / upcoming / expired are derived from the clock.</summary>
    public string Status { get; set; } = RecommendationStatus.Open;

    public DateTimeOffset? ActedAt { get; set; }

    public string? DismissReason { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>null (no webhook, or not yet due), queued, delivered or failed.</summary>
    public string? DeliveryState { get; set; }

    public int DeliveryAttempts { get; set; }

    public DateTimeOffset? DeliveredAt { get; set; }

    public string? DeliveryError { get; set; }

    public string StatusAt(DateTimeOffset now) => Status switch
    {
        RecommendationStatus.Done or RecommendationStatus.Dismissed => Status,
        _ when now < DueUtc => RecommendationStatus.Upcoming,
        _ when now < ExpiresUtc => RecommendationStatus.Due,
        _ => RecommendationStatus.Expired,
    };
}
