using System.Runtime.InteropServices;
using RunRecovery.Formats.Fit.Mapping;

namespace RunRecovery.Formats.Model;

/// <summary>
/// The one format-independent activity model that the FIT, GPX and TCX readers all produce.
/// Values are as the file states them, converted to SI units; a value the file does not have is
/// <c>null</c>, never zero. Derived metrics (moving time, geodesic distance, smoothed elevation…)
/// are not computed here: they belong to RunRecovery.Scoring.
/// A record so that a changed copy is <c>parsed with { … }</c>: a field added here reaches every copy.
/// </summary>
public sealed record ParsedActivity
{
    public required ActivityFormat Format { get; init; }

    /// <summary>
    /// The file's sport word, of the first non-transition session (or the file's only sport): the FIT profile's sport
    /// name as read ("running", "fitness_equipment"; <see cref="SportWords"/>), GPX &lt;type&gt; and TCX Sport mapped by
    /// their readers into the same words. Null when the file states none. Which sport of the model a word is, is
    /// decided in one place (RunRecovery.Analysis).
    /// </summary>
    public string? Sport { get; init; }

    /// <summary>The file's own sub-sport word (FIT sub_sport, e.g. "treadmill"), when it states one.</summary>
    public string? SubSport { get; init; }

    /// <summary>Start of the activity in UTC; null when the file's clock is device-relative or absent.</summary>
    public DateTimeOffset? StartUtc { get; init; }

    /// <summary>The runner's UTC offset when the file knows it (FIT activity.local_timestamp, GPX/TCX offsets).</summary>
    public TimeSpan? UtcOffset { get; init; }

    /// <summary>
    /// True when timestamps are seconds since device power-on (FIT values below 0x10000000), not dates.
    /// Sample times are then FIT-epoch based placeholders and must not be shown as calendar dates.
    /// </summary>
    public bool ClockIsDeviceRelative { get; init; }

    /// <summary>
    /// FIT only: file_id.type of the (first) file as it states it; <see cref="Fit.Profile.FitProfile.ActivityFileType"/>
    /// for a recording, other values for settings, weight scale, course… files. Null for GPX/TCX or when absent.
    /// </summary>
    public long? FitFileType { get; init; }

    public DeviceInfo? Device { get; init; }

    /// <summary>Time-ordered samples (FIT records, GPX trkpt, TCX Trackpoint).</summary>
    public IReadOnlyList<ActivitySample> Samples { get; init; } = [];

    public IReadOnlyList<ActivitySession> Sessions { get; init; } = [];

    public IReadOnlyList<ActivityLap> Laps { get; init; } = [];

    /// <summary>Timer stops (FIT event timer stop → start). Empty when the file has no timer events.</summary>
    public IReadOnlyList<TimerPause> Pauses { get; init; } = [];

    /// <summary>R-R intervals in seconds (FIT hrv messages), in file order.</summary>
    public IReadOnlyList<double> RrIntervalsSeconds { get; init; } = [];

    /// <summary>Developer (Connect IQ) channels by field name, aligned with <see cref="Samples"/>.</summary>
    public IReadOnlyList<DeveloperChannel> DeveloperChannels { get; init; } = [];

    /// <summary>The runner's profile as the device recorded it (FIT user_profile), when present.</summary>
    public UserProfileInfo? UserProfile { get; init; }

    /// <summary>Non-fatal oddities met while reading (e.g. a CRC mismatch in lenient mode, a skipped bad field).</summary>
    public IReadOnlyList<FormatWarning> Warnings { get; init; } = [];

    /// <summary>
    /// Set when the file is damaged: everything before the damage is in this object, and this says where and why.
    /// </summary>
    public FormatError? Error { get; init; }

    /// <summary>
    /// Indices into <see cref="Samples"/> where a new recording segment starts (GPX trkseg/trk, TCX Track).
    /// Distances are not summed across a segment start. Empty means one continuous segment.
    /// </summary>
    public IReadOnlyList<int> SegmentStartIndices { get; init; } = [];

    /// <summary>The activity's own name or id when the file states one (GPX trk/name, TCX Activity/Id, FIT workout wkt_name).</summary>
    public string? Name { get; init; }

    /// <summary>
    /// <see cref="Samples"/> as a span: in place for what the readers produce (an array, a list, the FIT sample
    /// list), a copy for any other list. Valid until the samples change.
    /// </summary>
    public ReadOnlySpan<ActivitySample> SampleSpan() => Samples switch
    {
        ActivitySample[] array => array,
        List<ActivitySample> list => CollectionsMarshal.AsSpan(list),
        SampleList list => list.AsSpan(),
        _ => Samples.ToArray(),
    };

    /// <summary>How many samples have a time, and the first and last of those times (read in place).</summary>
    public (int Count, DateTimeOffset? First, DateTimeOffset? Last) TimedSamples()
    {
        DateTimeOffset? first = null, last = null;
        int count = 0;
        foreach (ActivitySample sample in SampleSpan()) // in place: a copy of 172,800 samples is 25 MB
        {
            if (!sample.TimeMissing)
            {
                first ??= sample.Time;
                last = sample.Time;
                count++;
            }
        }

        return (count, first, last);
    }

    /// <summary>Whether a session states a duration (elapsed or timer time above zero).</summary>
    public bool HasSessionDuration() => Sessions.Any(session => session.ElapsedTime > TimeSpan.Zero || session.TimerTime > TimeSpan.Zero);
}

public enum ActivityFormat
{
    Fit,
    Gpx,
    Tcx,
}

public sealed record DeviceInfo(string? Manufacturer, string? Product, uint? SerialNumber, string? SoftwareVersion);

/// <summary>What a device states about a stretch of the activity (a session or a lap): its own totals, not ours.</summary>
public abstract record StatedTotals
{
    public DateTimeOffset? StartUtc { get; init; }
    public TimeSpan? ElapsedTime { get; init; }
    public TimeSpan? TimerTime { get; init; }
    public double? DistanceMeters { get; init; }
    public double? AscentMeters { get; init; }
    public double? DescentMeters { get; init; }
    public int? AvgHeartRateBpm { get; init; }
    public int? MaxHeartRateBpm { get; init; }
}

/// <summary>A session (FIT session message; a TCX Activity in a multisport file; a whole GPX track).</summary>
public sealed record ActivitySession : StatedTotals
{
    /// <summary>The session's sport word, as <see cref="ParsedActivity.Sport"/>; null when it states none.</summary>
    public string? Sport { get; init; }
    public string? SubSport { get; init; }
    public double? AvgCadenceRpm { get; init; }
    public int? Calories { get; init; }

    /// <summary>Index into <see cref="ParsedActivity.Samples"/> of this session's first sample, and how many.</summary>
    public int FirstSampleIndex { get; init; }
    public int SampleCount { get; init; }
}

/// <summary>A lap (FIT lap message, TCX Lap) with its stated totals.</summary>
public sealed record ActivityLap : StatedTotals;

/// <summary>A timer stop: from <see cref="StopUtc"/> until <see cref="ResumeUtc"/> (null when never resumed).</summary>
public readonly record struct TimerPause(DateTimeOffset StopUtc, DateTimeOffset? ResumeUtc);

public sealed record DeveloperChannel(string Name, string? Units, byte DeveloperDataIndex, IReadOnlyList<double?> Values);

public sealed record UserProfileInfo(int? Age, string? Sex, double? WeightKg, int? RestingHeartRateBpm, int? MaxHeartRateBpm);

public sealed record FormatWarning(string Code, string Message, long? Offset = null);

/// <summary>Where and why a file is damaged or unreadable. <see cref="Code"/> is a stable lowercase word.</summary>
public sealed record FormatError(string Code, string Message, long? Offset = null);
