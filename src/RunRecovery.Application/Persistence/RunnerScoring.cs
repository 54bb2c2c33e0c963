namespace RunRecovery.Application.Persistence;

/// <summary>
/// One row per runner that coalesces scoring requests: every change bumps <see cref="RequestedVersion"/> and
/// only the change that finds <see cref="JobPending"/> false enqueues a job (docs/api.md, "Jobs").
/// </summary>
public sealed class RunnerScoring
{
    public Guid RunnerId { get; set; }

    /// <summary>Bumped by every change that needs a recompute (upload, delete, profile, check-in, feedback).</summary>
    public long RequestedVersion { get; set; }

    /// <summary>The <see cref="RequestedVersion"/> the last finished recompute included.</summary>
    public long ScoredVersion { get; set; }

    /// <summary>A job is enqueued and has not started yet; later changes need not enqueue another.</summary>
    public bool JobPending { get; set; }

    /// <summary>The earliest activity start changed since the last recompute (informational: recomputes are full).</summary>
    public DateTimeOffset? DirtySince { get; set; }

    public DateTimeOffset RequestedAt { get; set; }

    public DateTimeOffset? ScoredAt { get; set; }

    /// <summary>How many recomputes ran for this runner, for the coalescing tests and the dashboard.</summary>
    public long Recomputes { get; set; }
}
