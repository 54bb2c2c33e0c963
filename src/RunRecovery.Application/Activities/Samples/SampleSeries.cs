namespace RunRecovery.Application.Activities.Samples;

/// <summary>
/// Column-wise series for charts, one row per <see cref="EverySeconds"/>: averages of heart rate, speed,
/// cadence, power and altitude within the bucket, the last distance, the first position. <see cref="OffsetSeconds"/>
/// counts from <see cref="StartUtc"/>; a value the bucket did not have is null. A series not asked for
/// (<c>?types=</c>) is null; <see cref="Types"/> lists those returned.
/// </summary>
/// <param name="OffsetSeconds">Stream "time": seconds from the start, to the millisecond.</param>
/// <param name="SpeedMetersPerSecond">Stream "speed": the device's speed, or (<see cref="SpeedSource"/> "positions" or "distance") derived from the ground covered since the previous row.</param>
/// <param name="CadenceRpm">Deprecated: cadence as the file states it (strides per minute for most running files). Use <see cref="Cadence"/>.</param>
/// <param name="Cadence">Stream "cadence" in <see cref="CadenceUnit"/>: steps per minute for foot sports, as the activity's metrics report it.</param>
/// <param name="DistanceMeters">Stream "distance", to 0.1 m.</param>
/// <param name="LatitudeDegrees">Stream "latlng" (with <see cref="LongitudeDegrees"/>).</param>
public sealed record SampleSeries(
    Guid ActivityId,
    DateTimeOffset? StartUtc,
    int EverySeconds,
    IReadOnlyList<double>? OffsetSeconds,
    IReadOnlyList<double?>? HeartRateBpm,
    IReadOnlyList<double?>? SpeedMetersPerSecond,
    IReadOnlyList<double?>? CadenceRpm,
    IReadOnlyList<double?>? Cadence,
    string? CadenceUnit,
    IReadOnlyList<double?>? PowerWatts,
    IReadOnlyList<double?>? AltitudeMeters,
    IReadOnlyList<double?>? DistanceMeters,
    IReadOnlyList<double?>? LatitudeDegrees,
    IReadOnlyList<double?>? LongitudeDegrees,
    string? SpeedSource,
    IReadOnlyList<string> Types);
