using RunRecovery.Scoring.Recordings;

namespace RunRecovery.Scoring.Metrics;

/// <summary>
/// What a run measured, derived from a <see cref="RecordedActivity"/> by pure functions. Every figure says where
/// it came from (the device's own totals or our computation) and <see cref="Missing"/> lists what the file did
/// not have. Methods and their reasons: docs/metrics.md.
/// </summary>
public sealed record ActivityMetrics
{
    public DateTimeOffset? StartUtc { get; init; }

    public TimeSpan? UtcOffset { get; init; }

    public TimeSpan? ElapsedTime { get; init; }

    /// <summary>Moving time from <see cref="MovingTimeSource"/>.</summary>
    public TimeSpan? MovingTime { get; init; }

    /// <summary>"timer" (the device's timer: FIT session, TCX laps), "timer-events" (FIT timer stop/start events),
    /// "detected" (stop detection) or "elapsed" (nothing better).</summary>
    public string? MovingTimeSource { get; init; }

    /// <summary>Our own stop detection's moving time, reported even when the device's timer is used.</summary>
    public TimeSpan? DetectedMovingTime { get; init; }

    public double? DistanceMeters { get; init; }

    /// <summary>"device" (session totals), "records" (the cumulative distance channel) or "geodesic" (positions).</summary>
    public string? DistanceSource { get; init; }

    /// <summary>WGS-84 geodesic length of the positions, stops' jitter suppressed.</summary>
    public double? GeodesicDistanceMeters { get; init; }

    /// <summary>Distance covered by the file's own cumulative distance channel (TCX DistanceMeters, FIT record.distance).</summary>
    public double? RecordDistanceMeters { get; init; }

    public double? AscentMeters { get; init; }

    public double? DescentMeters { get; init; }

    /// <summary>"device" (stated totals) or "samples" (hysteresis over the altitudes).</summary>
    public string? ElevationSource { get; init; }

    /// <summary>Unsmoothed sum of every rise / fall between consecutive altitudes, for transparency.</summary>
    public double? RawAscentMeters { get; init; }

    public double? RawDescentMeters { get; init; }

    public HeartRateSummary? HeartRate { get; init; }

    /// <summary>Moving time per kilometre.</summary>
    public double? PaceSecondsPerKm { get; init; }

    /// <summary>Pace on flat ground at the same metabolic cost (Minetti et al. 2002).</summary>
    public double? GradeAdjustedPaceSecondsPerKm { get; init; }

    /// <summary>Average cadence over moving samples, in <see cref="CadenceUnit"/>.</summary>
    public double? AverageCadence { get; init; }

    /// <summary>"steps/min" for foot sports (strides doubled), "rpm" otherwise.</summary>
    public string? CadenceUnit { get; init; }

    public IReadOnlyList<KilometreSplit> Splits { get; init; } = [];

    public int SampleCount { get; init; }

    /// <summary>What the file lacked: "time", "position", "distance", "elevation", "heart-rate", "cadence", "samples".</summary>
    public IReadOnlyList<string> Missing { get; init; } = [];

    /// <summary>Oddities found while computing, e.g. stated totals that disagree with the samples.</summary>
    public IReadOnlyList<MetricsWarning> Warnings { get; init; } = [];

    /// <summary>Metrics of the whole file (all sessions together).</summary>
    public static ActivityMetrics From(RecordedActivity activity, MetricsOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(activity);
        Sport sport = activity.Sessions.Count == 1 ? activity.Sessions[0].Sport : activity.Sport;
        return MetricsCalculator.Compute(
            activity, 0, activity.Samples.Count, sport, DeviceTotals.Across(activity.Sessions), options ?? MetricsOptions.Default);
    }

    /// <summary>Metrics of one session of a multi-session file.</summary>
    public static ActivityMetrics ForSession(RecordedActivity activity, int sessionIndex, MetricsOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(activity);
        RecordedSession session = activity.Sessions[sessionIndex];
        int first = Math.Clamp(session.FirstSampleIndex, 0, activity.Samples.Count);
        int count = Math.Clamp(session.SampleCount, 0, activity.Samples.Count - first);
        return MetricsCalculator.Compute(activity, first, count, session.Sport, session.Stated, options ?? MetricsOptions.Default);
    }
}

public sealed record HeartRateSummary
{
    public int AverageBpm { get; init; }

    public int MaxBpm { get; init; }

    public int MinBpm { get; init; }

    /// <summary>Share of the recorded time that has a heart-rate reading (0–1).</summary>
    public double Coverage { get; init; }

    /// <summary>Time below zone 1, then zones 1–5; empty when the runner's maximum heart rate is unknown.</summary>
    public IReadOnlyList<TimeSpan> TimeInZones { get; init; } = [];

    /// <summary>"reserve" (Karvonen, max and resting known) or "max" (% of maximum).</summary>
    public string? ZoneBasis { get; init; }

    public IReadOnlyList<HeartRateDropout> Dropouts { get; init; } = [];

    /// <summary>"no-hr-at-start", "dropouts", "implausible-values".</summary>
    public IReadOnlyList<string> Flags { get; init; } = [];
}

/// <summary>No heart-rate reading from <see cref="Start"/> (offset from the activity start) for <see cref="Duration"/>.</summary>
public sealed record HeartRateDropout(TimeSpan Start, TimeSpan Duration);

public sealed record KilometreSplit(
    int Number,
    double DistanceMeters,
    TimeSpan ElapsedTime,
    TimeSpan MovingTime,
    double? PaceSecondsPerKm,
    int? AverageHeartRateBpm,
    double? ElevationChangeMeters);
