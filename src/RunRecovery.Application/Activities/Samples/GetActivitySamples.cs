using System.Globalization;
using RunRecovery.Analysis;
using RunRecovery.Application.Errors;
using RunRecovery.Application.Persistence;
using RunRecovery.Formats.Model;
using RunRecovery.Scoring.Metrics;
using RunRecovery.Scoring.Recordings;

namespace RunRecovery.Application.Activities.Samples;

/// <param name="Types">Comma-separated streams to return (<see cref="SampleStreams.All"/>); null or empty for all.</param>
public sealed record GetActivitySamples(Guid RunnerId, Guid ActivityId, string? Every, string? Types = null) : IQuery<SampleSeries>;

/// <summary>Reads the stored original (parsed once, then from <see cref="ParsedActivityCache"/>) and buckets its samples.</summary>
public sealed class GetActivitySamplesHandler(RunRecoveryDb db, ParsedActivityCache cache) : IQueryHandler<GetActivitySamples, SampleSeries>
{
    public const int MaxEverySeconds = 3600;

    public async ValueTask<SampleSeries> Handle(GetActivitySamples query, CancellationToken cancellationToken)
    {
        int every = ParseEvery(query.Every);
        HashSet<string> types = SampleStreams.Parse(query.Types);
        ParsedActivity parsed = await StoredActivityFile.ReadAsync(db, cache, query.RunnerId, query.ActivityId, cancellationToken);
        return Series(query.ActivityId, parsed, every, types);
    }

    /// <summary>
    /// The series of one parsed file, <paramref name="every"/> seconds a row, with the streams named in
    /// <paramref name="types"/>: one linear pass over the time-ordered samples cuts them into rows, then each stream
    /// is one pass over the rows (a file whose times go backwards is sorted once, stably, first).
    /// </summary>
    public static SampleSeries Series(Guid activityId, ParsedActivity parsed, int every, IReadOnlySet<string> types)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        ArgumentNullException.ThrowIfNull(types);
        IReadOnlyList<ActivitySample> s = parsed.Samples;
        SampleRows rows = SampleRows.Of(s, every);
        bool Has(string type) => types.Contains(type);
        double[]? cadenceFactor = null;
        string? cadenceUnit = null;
        if (Has("cadence"))
        {
            cadenceFactor = CadenceFactors(RecordingMapper.From(parsed), out cadenceUnit);
        }

        (double?[] along, string? speedSource) = Has("speed") ? SampleStreams.Along(parsed) : ([], null);

        return new SampleSeries(
            activityId,
            parsed.ClockIsDeviceRelative ? null : rows.Start,
            every,
            Has("time") ? rows.Offsets() : null,
            Has("heartRate") ? rows.Averages(i => s[i].HeartRateBpm, 1) : null,
            Has("speed") ? Speeds(s, rows, along, speedSource) : null,
            Has("cadence") ? rows.Averages(i => s[i].CadenceRpm, 3) : null,
            Has("cadence") ? rows.Averages(i => s[i].CadenceRpm is { } c ? c * cadenceFactor![i] : null, 1) : null,
            Has("cadence") ? cadenceUnit : null,
            Has("power") ? rows.Averages(i => s[i].PowerWatts, 1) : null,
            Has("altitude") ? rows.Averages(i => s[i].AltitudeMeters, 1) : null,
            Has("distance") ? rows.Pick(i => s[i].DistanceMeters is not null, i => Round(s[i].DistanceMeters, 1), last: true) : null,
            Has("latlng") ? rows.Pick(i => s[i].HasPosition, i => s[i].LatitudeDegrees, last: false) : null,
            Has("latlng") ? rows.Pick(i => s[i].HasPosition, i => s[i].LongitudeDegrees, last: false) : null,
            Has("speed") ? speedSource : null,
            [.. SampleStreams.All.Where(Has)]);
    }

    /// <summary>The device's speed where it recorded one; else the distance covered since the previous row over its time.</summary>
    private static IReadOnlyList<double?> Speeds(IReadOnlyList<ActivitySample> s, SampleRows rows, double?[] along, string? source)
    {
        if (source == SampleStreams.DeviceSpeed)
        {
            return rows.Averages(i => s[i].SpeedMetersPerSecond, 3);
        }

        return new LazyRows<double?>(rows.Count, row =>
        {
            int from = row == 0 ? rows[0][0] : rows[row - 1][^1]; // from the previous row's last sample
            int to = rows[row][^1];
            double seconds = (s[to].Time - s[from].Time).TotalSeconds;
            return source is not null && seconds > 0 && along[to] is { } b && along[from] is { } a ? Math.Round(Math.Max(b - a, 0) / seconds, 3) : null;
        });
    }

    /// <summary>Per sample, the factor to the reported cadence unit (by the sport of the sample's session).</summary>
    private static double[] CadenceFactors(RecordedActivity recording, out string? unit)
    {
        RecordedSeries samples = recording.Samples;
        double[] factors = new double[samples.Count];
        (double whole, unit) = CadenceConvention.Of(samples, 0, samples.Count, recording.Sport);
        Array.Fill(factors, whole);
        if (recording.Sessions.Count > 1)
        {
            var units = new HashSet<string>();
            foreach (RecordedSession session in recording.Sessions)
            {
                int first = Math.Clamp(session.FirstSampleIndex, 0, samples.Count);
                int count = Math.Clamp(session.SampleCount, 0, samples.Count - first);
                (double factor, string? sessionUnit) = CadenceConvention.Of(samples, first, count, session.Sport);
                Array.Fill(factors, factor, first, count);
                if (sessionUnit is not null)
                {
                    units.Add(sessionUnit);
                }
            }

            unit = units.Count == 1 ? units.Single() : units.Count == 0 ? null : "mixed";
        }

        return factors;
    }

    private static double? Round(double? value, int digits) => value is { } v ? Math.Round(v, digits) : null;

    /// <summary>"10s", "2m", "1h" or a number of seconds; default 10 s.</summary>
    public static int ParseEvery(string? every)
    {
        if (string.IsNullOrWhiteSpace(every))
        {
            return 10;
        }

        string text = every.Trim().ToLowerInvariant();
        int unit = text[^1] switch { 's' => 1, 'm' => 60, 'h' => 3600, _ => 0 };
        string number = unit == 0 ? text : text[..^1];
        if (int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out int value)
            && value > 0 && (long)value * Math.Max(unit, 1) <= MaxEverySeconds)
        {
            return value * Math.Max(unit, 1);
        }

        throw new RequestValidationException(new Dictionary<string, string[]>
        {
            ["every"] = [$"Give an interval such as 10s, 1m or 30 (seconds), at most {MaxEverySeconds} s."],
        });
    }
}
