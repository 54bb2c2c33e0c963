using RunRecovery.Scoring.Planning;

namespace RunRecovery.Scoring.Load;

/// <summary>
/// One activity never dominates a runner's load (docs/recovery-model.md §2.5, our assumption): its cardio load
/// counts at most <see cref="HistoryMultiple"/> times the largest the runner recorded in the previous
/// <see cref="HistoryDays"/> days, and never less than <see cref="FloorHours"/> hours at threshold, so a real
/// breakthrough (a first marathon) counts in full while a plausible-looking but wrong file (a 6-day recording of a
/// watch left on) cannot swamp the acute load with weeks' worth of TRIMP.
/// </summary>
public static class ActivityLoadCap
{
    /// <summary>
    /// 3: a race or long session rarely carries more than about three times the load of the runner's biggest session
    /// of the previous six weeks (a marathon after 2-hour long runs is about 1.5–2×). Our assumption.
    /// </summary>
    public const double HistoryMultiple = 3;

    /// <summary>42 days: the chronic window (§4.1), what the runner's body is used to.</summary>
    public const int HistoryDays = 42;

    /// <summary>
    /// 3 hours at threshold (≈ the TRIMP of a hard marathon): the least any activity may count, so a runner with
    /// little history (a first upload, a return after a break) keeps the full load of a real long effort. Our assumption.
    /// </summary>
    public const double FloorHours = 3;

    /// <summary>The most one activity starting at <paramref name="start"/> may count, given the earlier activities.</summary>
    public static double Ceiling(DateTimeOffset start, Sex sex, ReadOnlySpan<LoadTrace> earlier)
    {
        double largest = 0;
        DateTimeOffset from = start.AddDays(-HistoryDays);
        for (int i = earlier.Length - 1; i >= 0 && earlier[i].StartUtc >= from; i--)
        {
            largest = Math.Max(largest, earlier[i].CardioLoad);
        }

        return Math.Max(HistoryMultiple * largest, FloorHours * Trimp.OneHourAtThreshold(sex));
    }
}
