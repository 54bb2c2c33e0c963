namespace RunRecovery.Scoring.Recordings;

/// <summary>
/// A session of a recording (a triathlon's swim, ride and run are three): its sport, what the device stated for it
/// (<see cref="Stated"/>), and which samples belong to it.
/// </summary>
public sealed record RecordedSession
{
    public Sport Sport { get; init; } = Sport.Unknown;

    /// <summary>Sub-sport word as the recording states it ("treadmill", "trail"…).</summary>
    public string? SubSport { get; init; }

    /// <summary>The session's start and totals as the device stated them.</summary>
    public DeviceTotals Stated { get; init; }

    /// <summary>Index into <see cref="RecordedActivity.Samples"/> of this session's first sample, and how many.</summary>
    public int FirstSampleIndex { get; init; }

    public int SampleCount { get; init; }
}
