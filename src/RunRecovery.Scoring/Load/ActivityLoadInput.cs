using RunRecovery.Scoring.Recordings;

namespace RunRecovery.Scoring.Load;

/// <summary>
/// What the load model needs to know about one activity. A plain record so that any metrics type can be adapted
/// to it; values the source does not know stay <c>null</c>. <see cref="Samples"/> is optional: with heart-rate
/// samples the cardio load is a sample-by-sample Banister TRIMP, with altitude and distance samples the descent
/// steepness is measured rather than estimated from totals.
/// </summary>
public sealed record ActivityLoadInput
{
    /// <summary>Stable identifier (file hash, database id…); ties results and recommendations to the activity.</summary>
    public required string Id { get; init; }

    public string? FileName { get; init; }

    public required Sport Sport { get; init; }

    /// <summary>Sub-sport word as the file states it ("treadmill", "trail"…).</summary>
    public string? SubSport { get; init; }

    public required DateTimeOffset StartUtc { get; init; }

    public required TimeSpan MovingTime { get; init; }

    /// <summary>Wall-clock time from start to end including pauses; <see cref="MovingTime"/> when unknown.</summary>
    public TimeSpan? ElapsedTime { get; init; }

    public double DistanceMeters { get; init; }

    public double? AscentMeters { get; init; }

    public double? DescentMeters { get; init; }

    public int? AvgHeartRateBpm { get; init; }

    public int? MaxHeartRateBpm { get; init; }

    /// <summary>Steps (both feet) per minute.</summary>
    public double? AvgCadenceStepsPerMinute { get; init; }

    public double? AvgTemperatureCelsius { get; init; }

    public RecordedSeries Samples { get; init; } = RecordedSeries.Empty;

    public DateTimeOffset EndUtc => StartUtc + (ElapsedTime is { } elapsed && elapsed > MovingTime ? elapsed : MovingTime);

    /// <summary>Running, walking and hiking load the running muscles; other sports count toward cardio load only.</summary>
    public bool LoadsRunningMuscles => Sport is Sport.Running or Sport.Walking or Sport.Hiking;
}
