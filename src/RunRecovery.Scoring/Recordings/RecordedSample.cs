namespace RunRecovery.Scoring.Recordings;

/// <summary>
/// One moment of a recording, with what metrics and load read from it; a value the recording does not have is
/// <c>null</c>, never zero. Cadence is as recorded: for running files that is strides (one foot) per minute;
/// metrics convert to steps per minute. Speed is the device's own (the sport classifier reads it; metrics derive
/// speed from positions and distances instead).
/// </summary>
public readonly record struct RecordedSample(
    DateTimeOffset Time,
    double? LatitudeDegrees = null,
    double? LongitudeDegrees = null,
    double? AltitudeMeters = null,
    double? DistanceMeters = null,
    int? HeartRateBpm = null,
    double? CadenceRpm = null,
    double? TemperatureCelsius = null,
    double? SpeedMetersPerSecond = null)
{
    public bool HasPosition => LatitudeDegrees is not null && LongitudeDegrees is not null;

    /// <summary>True when the recording gave this point no usable time; <see cref="Time"/> is then <c>default</c>.</summary>
    public bool TimeMissing { get; init; }
}
