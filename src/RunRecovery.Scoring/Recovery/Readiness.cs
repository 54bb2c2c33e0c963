using RunRecovery.Scoring.Load;

namespace RunRecovery.Scoring.Recovery;

public enum Readiness
{
    Fresh,
    Normal,
    Fatigued,
    Overreaching,
}

/// <summary>Daily readiness from the load series and the remaining recovery time (docs/recovery-model.md §6).
/// Our own design; thresholds are named below with their anchors.</summary>
public static class ReadinessModel
{
    /// <summary>Ratio at which we call the load a spike: the upper end of Gabbett's 0.8–1.3 band (research §2.5).</summary>
    public const double HighRatio = 1.3;

    /// <summary>Gabbett's "danger zone" ≥ 1.5 (research §2.5).</summary>
    public const double VeryHighRatio = 1.5;

    /// <summary>The EWMA ratio only counts as a spike when the plain week is also at least 1.2× the four-week average
    /// (<see cref="DayLoad.WeekRatio"/>), so the figures in the reasons always agree with the advice: a steady runner's
    /// ratio swings with the week's pattern but the week equals the average. Our assumption, §4.2.</summary>
    public const double CorroboratingWeekRatio = 1.2;

    /// <summary>Foster's critical monotony 2.0 (Runalyze, research §1.5).</summary>
    public const double HighMonotony = 2.0;

    /// <summary>Form below −30 % of chronic load: the low end of intervals.icu's "optimal" −10…−30 read as a share. Our
    /// assumption, §6.</summary>
    public const double LowRelativeForm = -0.3;

    /// <summary>Form at least +5 % of chronic load counts as fresh. Our assumption, §6.</summary>
    public const double FreshRelativeForm = 0.05;

    /// <summary>Recovery time left that makes a day fatigued (one day). Our assumption, §6.</summary>
    public const double FatiguedRecoveryHours = 24;

    public static double? RelativeForm(DayLoad day) =>
        day.Ratio is not null && day.Chronic >= LoadSeries.MinChronicForRatio ? day.Form / day.Chronic : null;

    /// <summary>The acute:chronic ratio when it signals a spike the week's own figures confirm; otherwise null. Never
    /// before <see cref="LoadSeries.BaselineDays"/> days of history (the ratio is null then).</summary>
    public static double? SpikeRatio(DayLoad day) =>
        day.Ratio is { } r && day.WeekRatio >= CorroboratingWeekRatio ? r : null;

    /// <summary>Overreaching only from a confirmed load spike (never from one long run's recovery time, and never while
    /// the baseline is being built); fatigued from a smaller spike or ≥ 24 h of recovery left.</summary>
    public static Readiness Classify(DayLoad day, double remainingRecoveryHours)
    {
        double ratio = SpikeRatio(day) ?? 0;
        double? relativeForm = RelativeForm(day);
        if (ratio >= VeryHighRatio || (day.Monotony >= HighMonotony && ratio >= HighRatio))
        {
            return Readiness.Overreaching;
        }

        if (ratio >= HighRatio || remainingRecoveryHours >= FatiguedRecoveryHours || (relativeForm <= LowRelativeForm && ratio > 0))
        {
            return Readiness.Fatigued;
        }

        bool rested = remainingRecoveryHours <= 0;
        bool formFresh = relativeForm is { } f ? f >= FreshRelativeForm : day.Acute < LoadSeries.MinChronicForRatio;
        return rested && formFresh ? Readiness.Fresh : Readiness.Normal;
    }

    /// <summary>Hours until every activity so far is recovered from, as seen at <paramref name="atUtc"/>.</summary>
    public static double RemainingRecoveryHours(ReadOnlySpan<ActivityLoad> activities, DateTimeOffset atUtc)
    {
        double remaining = 0;
        DateTimeOffset horizon = atUtc - TimeSpan.FromHours(RecoveryTime.MaxHours) - TimeSpan.FromDays(2);
        for (int i = activities.Length - 1; i >= 0 && activities[i].StartUtc >= horizon; i--)
        {
            var a = activities[i];
            if (a.StartUtc > atUtc)
            {
                continue;
            }

            remaining = Math.Max(remaining, (a.RecoveredUtc - atUtc).TotalHours);
        }

        return remaining;
    }
}
