namespace RunRecovery.Application.Rescoring;

/// <summary>Scoring settings (section <c>RunRecovery:Scoring</c>).</summary>
public sealed class ScoringOptions
{
    public const string Section = "RunRecovery:Scoring";

    /// <summary>
    /// Plans as of this instant instead of the clock's now, so two runs over the same data give the same queue
    /// (bench/scale-out compares a scaled-out import with a single process this way). Leave unset in production:
    /// a runner's plan would stop moving with time.
    /// </summary>
    public DateTimeOffset? PlanAsOfUtc { get; set; }

    /// <summary>
    /// Memory for runners' load histories kept between recomputes (<c>RunnerHistoryCache</c>), estimated at ~2.5 KB
    /// an activity (no samples): 64 MB holds about 25,000 activities. 0 turns incremental rescoring off (every
    /// recompute rebuilds).
    /// </summary>
    public long HistoryCacheBytes { get; set; } = 64L << 20;
}
