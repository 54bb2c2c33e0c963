using RunRecovery.Scoring.Planning;

namespace RunRecovery.Scoring.Load;

/// <summary>rTSS-style pace load for runs without heart rate (docs/recovery-model.md §2.2).</summary>
public static class PaceLoad
{
    /// <summary>Flat metres added per metre climbed: Minetti 2002 cost at +10 % is 1.66× level, i.e. 0.66 × 10 m
    /// of extra flat running per metre up (research §2.3, [C]).</summary>
    public const double FlatMetersPerMeterUp = 6.6;

    /// <summary>Flat metres removed per metre descended. Minetti gives 4.0 at −10 % but over-rewards descents
    /// (Strava 2017, research §1.2); we take half. Our assumption.</summary>
    public const double FlatMetersPerMeterDown = 2.0;

    /// <summary>The HR-reserve fraction we call "threshold" (as for TRIMP(100), §2.1): the threshold speed is this share of
    /// the reference speed at reserve 1.</summary>
    public const double ThresholdReserveShare = Trimp.ThresholdReserveFraction;

    /// <summary>Without any heart rate, the runner's median run is read as easy running at 70 % of heart-rate reserve.
    /// Most endurance training is easy (about 80 % of sessions below the first ventilatory threshold, Seiler 2010);
    /// the 0.70 is our assumption, §2.2.</summary>
    public const double TypicalReserveFraction = 0.7;

    /// <summary>Runs whose average HR-reserve fraction is below this do not calibrate the reference speed (heart rate
    /// barely above rest says more about a strap than about effort). Our assumption, §2.2.</summary>
    public const double MinCalibrationReserveFraction = 0.4;

    /// <summary>Shortest earlier run that takes part in the reference-speed estimate.</summary>
    public static readonly TimeSpan MinThresholdEffort = TimeSpan.FromMinutes(20);

    /// <summary>How far back the pace-only reference estimate looks. Our assumption, §2.2.</summary>
    public static readonly TimeSpan ThresholdWindow = TimeSpan.FromDays(90);

    /// <summary>How far back, and how many, runs with both HR and pace calibrate the reference speed. Our assumption, §2.2.</summary>
    public static readonly TimeSpan CalibrationWindow = TimeSpan.FromDays(180);

    public const int CalibrationRuns = 15;

    /// <summary>Grade-adjusted speed from totals: (distance + 6.6·ascent − 2.0·descent) / moving time, never below
    /// half the plain speed.</summary>
    public static double GradeAdjustedSpeed(ActivityLoadInput activity)
    {
        double seconds = activity.MovingTime.TotalSeconds;
        if (seconds <= 0 || activity.DistanceMeters <= 0)
        {
            return 0;
        }

        double flat = activity.DistanceMeters
            + (FlatMetersPerMeterUp * (activity.AscentMeters ?? 0))
            - (FlatMetersPerMeterDown * (activity.DescentMeters ?? 0));
        return Math.Max(flat, activity.DistanceMeters / 2) / seconds;
    }

    /// <summary>Uncalibrated pace units: hours × (speed / threshold)², the intervals.icu pace-load form (research §1.4).</summary>
    public static double Units(TimeSpan moving, double gradeAdjustedSpeed, double thresholdSpeed)
    {
        if (thresholdSpeed <= 0 || gradeAdjustedSpeed <= 0)
        {
            return 0;
        }

        double intensity = gradeAdjustedSpeed / thresholdSpeed;
        return Math.Max(0, moving.TotalHours) * intensity * intensity;
    }
}
