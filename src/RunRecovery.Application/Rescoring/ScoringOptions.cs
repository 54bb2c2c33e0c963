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
    /// <c>VersionedLoadHistory.EstimatedBytes</c>): 24 bytes an activity (its row version), a bounded number of load
    /// traces (136 bytes each: those a later score can read, a few dozen), about 1 KB more for each activity of the last
    /// 8 weeks before the planning instant (its full result), about 100 bytes a day of history; checked against the
    /// measured size by <c>KeptLoadHistorySizeTests</c>. A runner with a year of five runs a week costs about 90 KB, so
    /// 64 MB holds about 700 of them; the soak's runners (180 runs two years ago) about 9 KB each. 0 turns incremental
    /// rescoring off (every recompute rebuilds).
    /// </summary>
    public long HistoryCacheBytes { get; set; } = 64L << 20;

    /// <summary>
    /// Scoring jobs that recompute at once while this process is working on uploads (<see cref="ScoringLane"/>); the
    /// others wait until one ends or the uploads have been quiet for <see cref="UploadQuiet"/>. 0 turns the lane off
    /// (as many as Hangfire's workers). A named assumption, measured (docs/reliability.md, "Scoring gives way to
    /// uploads"): with four scoring jobs beside the uploads on 2 cores, upload p50 was 18–20 ms at 100–300 uploads/s,
    /// with one 8–9 ms, and the requests waited for CPU the recomputes took.
    /// </summary>
    public int JobsWhileUploading { get; set; } = 1;

    /// <summary>
    /// How long after the last upload the process counts as working on uploads (<see cref="JobsWhileUploading"/>). A
    /// named assumption: one second, far longer than the gap between two uploads of a steady stream (10 ms at 100/s),
    /// so the lane stays narrow through the stream, and short enough that scoring widens a second after it stops.
    /// </summary>
    public TimeSpan UploadQuiet { get; set; } = TimeSpan.FromSeconds(1);
}
