using RunRecovery.Scoring.Planning;

namespace RunRecovery.Scoring.Metrics;

/// <summary>
/// The runner's thresholds and the tuning of the derived metrics. Defaults are the documented choices in
/// docs/metrics.md; every one of them is a parameter so a test or a runner's settings can change it.
/// </summary>
public sealed record MetricsOptions
{
    public static MetricsOptions Default { get; } = new();

    /// <summary>
    /// The options for a runner: their maximum and resting heart rate (for zones), the documented defaults for the
    /// rest. The one way the service and the CLI derive metrics options from what they know about the runner.
    /// </summary>
    public static MetricsOptions For(RunnerProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return profile.MaxHeartRateBpm is null && profile.RestingHeartRateBpm is null
            ? Default
            : new MetricsOptions { MaxHeartRateBpm = profile.MaxHeartRateBpm, RestingHeartRateBpm = profile.RestingHeartRateBpm };
    }

    /// <summary>The runner's maximum heart rate; with it, time in zones is reported.</summary>
    public int? MaxHeartRateBpm { get; init; }

    /// <summary>The runner's resting heart rate; with it, zones are % of heart-rate reserve (Karvonen), else % of max.</summary>
    public int? RestingHeartRateBpm { get; init; }

    /// <summary>Stop detection: the runner stays within this radius (m) of the stop's centroid.</summary>
    public double StopRadiusMeters { get; init; } = 10;

    /// <summary>Stop detection: for at least this long.</summary>
    public TimeSpan MinStopDuration { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Stop detection: net drift from a stop's first to last point must be slower than this.</summary>
    public double MaxStopDriftMetersPerSecond { get; init; } = 0.5;

    /// <summary>A sparse step (≥ <see cref="SparseStepDuration"/>) slower than this is a pause (gpxpy uses 1 km/h).</summary>
    public double PauseSpeedMetersPerSecond { get; init; } = 0.3;

    /// <summary>Steps at least this long are judged on their own speed (recording gaps, auto-pause).</summary>
    public TimeSpan SparseStepDuration { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Elevation: a climb or descent counts once it exceeds this (GoldenCheetah and Runalyze default 3 m).</summary>
    public double ElevationHysteresisMeters { get; init; } = 3;

    /// <summary>
    /// Elevation: an altitude change faster than this (m/s) since the last kept sample, beyond
    /// <see cref="SpikeToleranceMeters"/>, is a sensor spike (docs/metrics.md, "Spikes"). 3 m/s is several times the
    /// fastest sustained vertical speed of mountain running (vertical-kilometre records are about 0.6 m/s): our own
    /// assumption, chosen to leave every real climb alone.
    /// </summary>
    public double MaxVerticalSpeedMetersPerSecond { get; init; } = 3;

    /// <summary>Elevation: slack on top of the vertical-speed bound for barometer and GPS noise (our assumption).</summary>
    public double SpikeToleranceMeters { get; init; } = 2;

    /// <summary>
    /// Elevation: centred moving average over ±this many seconds before the threshold (0 turns it off). 5 s was
    /// chosen on the corpus's 1 Hz barometric runs, whose stated totals it brings within 10 % (docs/metrics.md).
    /// </summary>
    public double ElevationSmoothingSeconds { get; init; } = 5;

    /// <summary>Elevation: a new altitude level that lasts this long is real (a recalibration), not a spike.</summary>
    public double SpikeSettleSeconds { get; init; } = 30;

    /// <summary>
    /// Length of one split in <see cref="ActivityMetrics.Splits"/>: 1000 m (the default), or 1609.344 m (one
    /// international mile) for runners who read miles. Each split's pace stays in seconds per kilometre.
    /// </summary>
    public double SplitMeters { get; init; } = 1000;

    /// <summary>Heart rate: a gap longer than this between readings, while recording goes on, is a dropout.</summary>
    public TimeSpan HeartRateDropoutGap { get; init; } = TimeSpan.FromSeconds(10);
}
