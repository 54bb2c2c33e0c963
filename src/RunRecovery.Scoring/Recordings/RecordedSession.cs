namespace RunRecovery.Scoring.Recordings;

/// <summary>
/// A session of a recording (a triathlon's swim, ride and run are three) with the totals the device stated for
/// it, and which samples belong to it.
/// </summary>
public sealed record RecordedSession
{
    public Sport Sport { get; init; } = Sport.Unknown;

    /// <summary>Sub-sport word as the recording states it ("treadmill", "trail"…).</summary>
    public string? SubSport { get; init; }

    public DateTimeOffset? StartUtc { get; init; }

    public TimeSpan? ElapsedTime { get; init; }

    public TimeSpan? TimerTime { get; init; }

    public double? DistanceMeters { get; init; }

    public double? AscentMeters { get; init; }

    public double? DescentMeters { get; init; }

    /// <summary>Index into <see cref="RecordedActivity.Samples"/> of this session's first sample, and how many.</summary>
    public int FirstSampleIndex { get; init; }

    public int SampleCount { get; init; }
}
