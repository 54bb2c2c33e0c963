using RunRecovery.Scoring.Recordings;

namespace RunRecovery.Scoring.Load;

public enum CardioMethod
{
    /// <summary>Banister TRIMP summed over heart-rate samples.</summary>
    HeartRateSamples,

    /// <summary>Banister TRIMP from the average heart rate over the moving time.</summary>
    HeartRateAverage,

    /// <summary>rTSS-style pace load, calibrated to TRIMP on the runner's runs that have both.</summary>
    Pace,

    /// <summary>Neither heart rate nor pace: moving time at an assumed moderate intensity.</summary>
    Duration,
}

/// <summary>Everything the model computed for one activity (docs/recovery-model.md §2–§5).</summary>
public sealed record ActivityLoad
{
    public required string Id { get; init; }
    public string? FileName { get; init; }
    public required Sport Sport { get; init; }

    /// <summary>True when the file stated no sport and <see cref="SportClassifier"/> chose <see cref="Sport"/>.</summary>
    public bool SportClassified { get; init; }
    public required DateTimeOffset StartUtc { get; init; }
    public required DateTimeOffset EndUtc { get; init; }
    public required TimeSpan MovingTime { get; init; }
    public required double DistanceMeters { get; init; }

    /// <summary>The runner's local calendar date of the start.</summary>
    public required DateOnly LocalDate { get; init; }

    /// <summary>Cardio load in TRIMP units (at most <see cref="ActivityLoadCap.Ceiling"/>).</summary>
    public required double CardioLoad { get; init; }

    /// <summary>The cardio load before <see cref="ActivityLoadCap"/> lowered it; null when it was not capped.</summary>
    public double? CardioLoadBeforeCap { get; init; }
    public required CardioMethod CardioMethod { get; init; }
    public required HeartRateBasis HeartRate { get; init; }

    /// <summary>TRIMP when heart rate was available.</summary>
    public double? HeartRateTrimp { get; init; }

    /// <summary>Average heart-rate reserve fraction, when heart rate was available.</summary>
    public double? ReserveFraction { get; init; }

    /// <summary>Uncalibrated pace units hours × IF² for runs (0 for other sports).</summary>
    public double PaceUnits { get; init; }
    public double GradeAdjustedSpeed { get; init; }
    public double ThresholdSpeed { get; init; }

    /// <summary>TRIMP per pace unit implied by the pace estimate (informational).</summary>
    public double PaceCalibration { get; init; }

    /// <summary>Highest heart rate seen up to and including this activity.</summary>
    public double HighestHeartRateSeen { get; init; }

    /// <summary>Level and climbing load before novelty.</summary>
    public required MuscleLoad ConcentricLoad { get; init; }

    /// <summary>Descent (eccentric) load before repeated-bout protection and novelty.</summary>
    public required MuscleLoad EccentricLoad { get; init; }

    /// <summary>Concentric + protected eccentric load, before novelty: the basis of later norms.</summary>
    public required MuscleLoad RawMuscleLoad { get; init; }

    /// <summary>Novelty multiplier per group (1 = usual for this runner).</summary>
    public required MuscleLoad Novelty { get; init; }

    /// <summary>The largest raw load / recent norm over the muscle groups (§3.4); null when no group has a norm yet.</summary>
    public double? LoadToNorm { get; init; }

    /// <summary>Share of the eccentric load removed by repeated-bout protection, per group.</summary>
    public required MuscleLoad Protection { get; init; }

    /// <summary>Effective muscular load: raw × novelty.</summary>
    public required MuscleLoad MuscleLoad { get; init; }

    public required double DescentMeters { get; init; }
    public required double RecoveryHours { get; init; }
    public double? AvgTemperatureCelsius { get; init; }
    public string? SubSport { get; init; }

    public bool LoadsRunningMuscles => Sport is Sport.Running or Sport.Walking or Sport.Hiking;

    public DateTimeOffset RecoveredUtc => EndUtc + TimeSpan.FromHours(RecoveryHours);
}
