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

    /// <summary>The series of one parsed file, <paramref name="every"/> seconds a row, with the streams named in <paramref name="types"/>.</summary>
    public static SampleSeries Series(Guid activityId, ParsedActivity parsed, int every, IReadOnlySet<string> types)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        RecordedActivity recording = RecordingMapper.From(parsed);
        double[] cadenceFactor = CadenceFactors(recording, out string? cadenceUnit);
        (double?[] along, string? speedSource) = SampleStreams.Along(parsed);
        var timed = Enumerable.Range(0, parsed.Samples.Count).Where(i => !parsed.Samples[i].TimeMissing).ToList();
        DateTimeOffset? start = timed.Count > 0 ? parsed.Samples[timed[0]].Time : null;
        var buckets = timed
            .GroupBy(i => (long)Math.Floor((parsed.Samples[i].Time - start!.Value).TotalSeconds / every))
            .OrderBy(group => group.Key)
            .Select(group => (group.Key, Items: group.ToList()))
            .ToList();
        List<List<int>> rows = [.. buckets.Select(bucket => bucket.Items)];
        IReadOnlyList<ActivitySample> s = parsed.Samples;
        bool Has(string type) => types.Contains(type);

        return new SampleSeries(
            activityId,
            parsed.ClockIsDeviceRelative ? null : start,
            every,
            Has("time") ? [.. buckets.Select(b => (double)(b.Key * every))] : null,
            Has("heartRate") ? [.. rows.Select(b => Average(b.Select(i => (double?)s[i].HeartRateBpm), 1))] : null,
            Has("speed") ? Speeds(s, rows, along, speedSource) : null,
            Has("cadence") ? [.. rows.Select(b => Average(b.Select(i => s[i].CadenceRpm), 3))] : null,
            Has("cadence") ? [.. rows.Select(b => Average(b.Select(i => s[i].CadenceRpm is { } c ? c * cadenceFactor[i] : (double?)null), 1))] : null,
            Has("cadence") ? cadenceUnit : null,
            Has("power") ? [.. rows.Select(b => Average(b.Select(i => (double?)s[i].PowerWatts), 1))] : null,
            Has("altitude") ? [.. rows.Select(b => Average(b.Select(i => s[i].AltitudeMeters), 1))] : null,
            Has("distance") ? [.. rows.Select(b => Round(b.LastOrDefault(i => s[i].DistanceMeters is not null, -1) is int i and >= 0 ? s[i].DistanceMeters : null, 1))] : null,
            Has("latlng") ? [.. rows.Select(b => b.FirstOrDefault(i => s[i].HasPosition, -1) is int i and >= 0 ? s[i].LatitudeDegrees : null)] : null,
            Has("latlng") ? [.. rows.Select(b => b.FirstOrDefault(i => s[i].HasPosition, -1) is int i and >= 0 ? s[i].LongitudeDegrees : null)] : null,
            Has("speed") ? speedSource : null,
            [.. SampleStreams.All.Where(Has)]);
    }

    /// <summary>The device's speed where it recorded one; else the distance covered since the previous bucket over its time.</summary>
    private static List<double?> Speeds(IReadOnlyList<ActivitySample> s, List<List<int>> buckets, double?[] along, string? source)
    {
        if (source == SampleStreams.DeviceSpeed)
        {
            return [.. buckets.Select(b => Average(b.Select(i => s[i].SpeedMetersPerSecond), 3))];
        }

        var speeds = new List<double?>(buckets.Count);
        int? previous = null;
        foreach (List<int> bucket in buckets)
        {
            int from = previous ?? bucket[0];
            int to = bucket[^1];
            double seconds = (s[to].Time - s[from].Time).TotalSeconds;
            speeds.Add(source is not null && seconds > 0 && along[to] is { } b && along[from] is { } a ? Math.Round(Math.Max(b - a, 0) / seconds, 3) : null);
            previous = to;
        }

        return speeds;
    }

    /// <summary>Per sample, the factor to the reported cadence unit (by the sport of the sample's session).</summary>
    private static double[] CadenceFactors(RecordedActivity recording, out string? unit)
    {
        ReadOnlySpan<RecordedSample> samples = recording.Samples as RecordedSample[] ?? [.. recording.Samples];
        double[] factors = new double[samples.Length];
        (double whole, unit) = CadenceConvention.Of(samples, 0, samples.Length, recording.Sport);
        Array.Fill(factors, whole);
        if (recording.Sessions.Count > 1)
        {
            var units = new HashSet<string>();
            foreach (RecordedSession session in recording.Sessions)
            {
                int first = Math.Clamp(session.FirstSampleIndex, 0, samples.Length);
                int count = Math.Clamp(session.SampleCount, 0, samples.Length - first);
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

    private static double? Average(IEnumerable<double?> values, int digits)
    {
        double sum = 0;
        int count = 0;
        foreach (double? value in values)
        {
            if (value is { } v)
            {
                sum += v;
                count++;
            }
        }

        double average = sum / count;
        return count == 0 || !double.IsFinite(average) ? null : Math.Round(average, digits); // never Infinity in JSON (a 500)
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
