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

    /// <summary>Every planner activity id a session covers (runs that share a day share one session).</summary>
    public List<string> ActivityIds { get; set; } = [];

    /// <summary>The ordered steps of a massage session (massage per muscle, then stretches); empty for other kinds.</summary>
    public List<StoredRecommendationStep> Steps { get; set; } = [];

    /// <summary>A question for the runner ("Are your calves better?").</summary>
    public string? Question { get; set; }

    /// <summary>Why the planner made it: run, follow-up, load-spike, soreness, pain, …</summary>
    public string? Trigger { get; set; }

    /// <summary>When a re-plan withdrew the item, and why (issue 14: today's items are never dropped silently).</summary>
    public DateTimeOffset? WithdrawnAt { get; set; }

    public string? WithdrawReason { get; set; }

    /// <summary>open, done, dismissed or withdrawn; due / upcoming / expired are derived from the clock.</summary>
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
        RecommendationStatus.Done or RecommendationStatus.Dismissed or RecommendationStatus.Withdrawn => Status,
        _ when now < DueUtc => RecommendationStatus.Upcoming,
        _ when now < ExpiresUtc => RecommendationStatus.Due,
        _ => RecommendationStatus.Expired,
    };
}

/// <summary>One step of a stored massage session (stored as JSON in <c>recommendations.steps</c>).</summary>
public sealed record StoredRecommendationStep(string Action, string BodyPart, string Technique, string? Tool, int Minutes);
