namespace RunRecovery.Scoring.Recordings;

/// <summary>
/// One moment of a recording as a row: how a table of samples is written (tests, stored load inputs) and how one
/// sample of a <see cref="RecordedSeries"/> reads back. A value the recording does not have is <c>null</c>, never
/// zero. Cadence is as recorded: for running files that is strides (one foot) per minute; metrics convert to steps
/// per minute. Speed is the device's own. Scoring stores and reads samples by column (<see cref="RecordedSeries"/>);
/// a row is made only where one is asked for.
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
