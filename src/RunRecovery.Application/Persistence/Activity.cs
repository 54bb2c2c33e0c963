namespace RunRecovery.Application.Persistence;

/// <summary>
/// One stored activity: what the reader and metrics found, the inputs the load model needs, and what the last
/// scoring of the runner computed for it. The original bytes live in <see cref="ActivityContent"/>, saved in the
/// same transaction.
/// </summary>
public sealed class Activity
{
    public Guid Id { get; set; }

    public Guid RunnerId { get; set; }

    /// <summary>SHA-256 of the stored bytes; unique per runner.</summary>
    public byte[] Sha256 { get; set; } = [];

    public string? FileName { get; set; }

    /// <summary>The activity's name: the runner's own (PATCH), else the file's, else "Morning run" style.</summary>
    public string? Name { get; set; }

    /// <summary>The runner's own notes (PATCH); null when none.</summary>
    public string? Notes { get; set; }

    /// <summary>
    /// Set by the runner (a treadmill warm-up, a watch left running in the car): the activity stays listed, but the
    /// load model skips it (<see cref="ActivityScoringState.Excluded"/>).
    /// </summary>
    public bool ExcludeFromLoad { get; set; }

    public string ContentType { get; set; } = "";

    /// <summary>fit, gpx or tcx.</summary>
    public string Format { get; set; } = "";

    public string Sport { get; set; } = "";

    public DateTimeOffset? StartUtc { get; set; }

    /// <summary>The start, or the upload time when the file has no clock: the list's order.</summary>
    public DateTimeOffset SortTime { get; set; }

    public double? DistanceMeters { get; set; }

    public double? MovingSeconds { get; set; }

    public double? ElapsedSeconds { get; set; }

    public int SizeBytes { get; set; }

    public DateTimeOffset UploadedAt { get; set; }

    /// <summary>The <c>ActivityMetrics</c> as JSON.</summary>
    public string MetricsJson { get; set; } = "{}";

    /// <summary>
    /// The sessions of a multi-session file (<c>ActivitySessionSummary</c>) as JSON; <c>[]</c> for a file of one
    /// session; null for an activity stored before sessions were (the sessions backfill re-reads its file).
    /// </summary>
    public string? SessionsJson { get; set; }

    /// <summary>The load model's inputs (one per session) as JSON, samples thinned for scoring.</summary>
    public string LoadInputsJson { get; set; } = "[]";

    public string ScoringState { get; set; } = ActivityScoringState.Pending;

    public string? ScoringNote { get; set; }

    public DateTimeOffset? ScoredAt { get; set; }

    /// <summary>The scored <c>ActivityLoad</c>s (one per session) as JSON, from the last recompute.</summary>
    public string? LoadsJson { get; set; }

    public double? RecoveryHours { get; set; }
}
