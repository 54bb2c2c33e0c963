using System.Globalization;
using RunRecovery.Application.Errors;
using RunRecovery.Application.Persistence;
using RunRecovery.Formats;
using RunRecovery.Formats.Model;

namespace RunRecovery.Application.Activities.Samples;

public sealed record GetActivitySamples(Guid RunnerId, Guid ActivityId, string? Every) : IQuery<SampleSeries>;

/// <summary>
/// Column-wise series for charts, one row per <see cref="EverySeconds"/>: averages of heart rate, speed,
/// cadence, power and altitude within the bucket, the last distance, the first position. <see cref="OffsetSeconds"/>
/// counts from <see cref="StartUtc"/>; a value the bucket did not have is null.
/// </summary>
public sealed record SampleSeries(
    Guid ActivityId,
    DateTimeOffset? StartUtc,
    int EverySeconds,
    IReadOnlyList<double> OffsetSeconds,
    IReadOnlyList<double?> HeartRateBpm,
    IReadOnlyList<double?> SpeedMetersPerSecond,
    IReadOnlyList<double?> CadenceRpm,
    IReadOnlyList<double?> PowerWatts,
    IReadOnlyList<double?> AltitudeMeters,
    IReadOnlyList<double?> DistanceMeters,
    IReadOnlyList<double?> LatitudeDegrees,
    IReadOnlyList<double?> LongitudeDegrees);

/// <summary>Reads the stored original again (parsing takes milliseconds) and buckets its samples.</summary>
public sealed class GetActivitySamplesHandler(RunRecoveryDb db) : IQueryHandler<GetActivitySamples, SampleSeries>
{
    public const int MaxEverySeconds = 3600;

    public async ValueTask<SampleSeries> Handle(GetActivitySamples query, CancellationToken cancellationToken)
    {
        int every = ParseEvery(query.Every);
        ParsedActivity parsed = await StoredActivityFile.ReadAsync(db, query.RunnerId, query.ActivityId, cancellationToken);
        List<ActivitySample> samples = [.. parsed.Samples.Where(sample => !sample.TimeMissing)];
        DateTimeOffset? start = samples.Count > 0 ? samples[0].Time : null;
        var buckets = samples.GroupBy(sample => (long)Math.Floor((sample.Time - start!.Value).TotalSeconds / every)).OrderBy(group => group.Key).ToList();

        return new SampleSeries(
            query.ActivityId,
            parsed.ClockIsDeviceRelative ? null : start,
            every,
            [.. buckets.Select(b => (double)(b.Key * every))],
            [.. buckets.Select(b => Average(b.Select(s => (double?)s.HeartRateBpm)))],
            [.. buckets.Select(b => Average(b.Select(s => s.SpeedMetersPerSecond)))],
            [.. buckets.Select(b => Average(b.Select(s => s.CadenceRpm)))],
            [.. buckets.Select(b => Average(b.Select(s => (double?)s.PowerWatts)))],
            [.. buckets.Select(b => Average(b.Select(s => s.AltitudeMeters)))],
            [.. buckets.Select(b => b.LastOrDefault(s => s.DistanceMeters is not null).DistanceMeters)],
            [.. buckets.Select(b => b.FirstOrDefault(s => s.HasPosition).LatitudeDegrees)],
            [.. buckets.Select(b => b.FirstOrDefault(s => s.HasPosition).LongitudeDegrees)]);
    }

    private static double? Average(IEnumerable<double?> values)
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
        return count == 0 || !double.IsFinite(average) ? null : Math.Round(average, 3); // never Infinity in JSON (a 500)
    }

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
