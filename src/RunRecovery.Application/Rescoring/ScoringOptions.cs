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
    /// Memory for runners' load histories kept between recomputes (<c>RunnerHistoryCache</c>, each entry's
    /// <c>VersionedLoadHistory.EstimatedBytes</c>): about 200 bytes an activity of the last 180 days (a load trace and a
    /// row version), about 1 KB more for each activity of the last 8 weeks before the planning instant (its full result),
    /// about 100 bytes a day of history; checked against the measured size by <c>KeptLoadHistorySizeTests</c>. A runner
    /// with a year of five runs a week costs about 100 KB, so 64 MB holds about 650 of them; the soak's runners (180
    /// runs two years ago) about 36 KB each. 0 turns incremental rescoring off (every recompute rebuilds).
    /// </summary>
    public long HistoryCacheBytes { get; set; } = 64L << 20;
}
