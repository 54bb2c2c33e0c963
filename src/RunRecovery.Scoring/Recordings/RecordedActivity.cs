namespace RunRecovery.Scoring.Recordings;

/// <summary>
/// What Scoring is told about one recorded activity: the input of <see cref="Metrics.ActivityMetrics"/> and of
/// <see cref="Load.ActivityLoadInputMapper"/>. Scoring owns this type; whoever reads files maps them to it, so a
/// change to a file reader cannot change what Scoring computes or what is stored from it without a visible mapping
/// change.
/// </summary>
public sealed class RecordedActivity
{
    /// <summary>The sport of the first non-transition session (or the recording's only sport).</summary>
    public Sport Sport { get; init; } = Sport.Unknown;

    public string? SubSport { get; init; }

    /// <summary>Start in UTC as the recording states it; null when its clock is device-relative or absent.</summary>
    public DateTimeOffset? StartUtc { get; init; }

    /// <summary>The runner's UTC offset when the recording knows it.</summary>
    public TimeSpan? UtcOffset { get; init; }

    /// <summary>True when times count from device power-on, not dates: such a recording cannot be placed on a calendar.</summary>
    public bool ClockIsDeviceRelative { get; init; }

    /// <summary>Time-ordered samples, by column.</summary>
    public RecordedSeries Samples { get; init; } = RecordedSeries.Empty;

    public IReadOnlyList<RecordedSession> Sessions { get; init; } = [];

    /// <summary>Timer stops; empty when the recording has no timer events.</summary>
    public IReadOnlyList<RecordedPause> Pauses { get; init; } = [];

    /// <summary>Indices into <see cref="Samples"/> where a new recording segment starts; distances are not summed across one.</summary>
    public IReadOnlyList<int> SegmentStartIndices { get; init; } = [];

    /// <summary>The maximum heart rate the device had for the runner; used when the runner's own is unknown.</summary>
    public int? DeviceMaxHeartRateBpm { get; init; }

    /// <summary>The resting heart rate the device had for the runner; used when the runner's own is unknown.</summary>
    public int? DeviceRestingHeartRateBpm { get; init; }
}
