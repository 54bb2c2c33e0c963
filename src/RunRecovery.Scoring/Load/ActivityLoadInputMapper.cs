using RunRecovery.Formats.Model;
using RunRecovery.Scoring.Metrics;

namespace RunRecovery.Scoring.Load;

/// <summary>
/// Turns what a file said (<see cref="ParsedActivity"/>) and what we measured from it (<see cref="ActivityMetrics"/>)
/// into the load model's input. A multi-session file (triathlon, brick) gives one input per session so each keeps its
/// own sport: a ride's minutes count toward cardio load only, the run's toward the running muscles too.
/// A file whose clock is device-relative (no calendar date) cannot be placed in a runner's history and gives none.
/// </summary>
public static class ActivityLoadInputMapper
{
    public static IReadOnlyList<ActivityLoadInput> From(string id, string? fileName, ParsedActivity parsed, ActivityMetrics metrics)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentNullException.ThrowIfNull(parsed);
        ArgumentNullException.ThrowIfNull(metrics);

        if (parsed.ClockIsDeviceRelative)
        {
            return [];
        }

        if (parsed.Sessions.Count > 1)
        {
            var inputs = new List<ActivityLoadInput>(parsed.Sessions.Count);
            for (int i = 0; i < parsed.Sessions.Count; i++)
            {
                ActivitySession session = parsed.Sessions[i];
                ActivityMetrics sessionMetrics = ActivityMetrics.ForSession(parsed, i);
                IReadOnlyList<ActivitySample> samples = Slice(parsed.Samples, session.FirstSampleIndex, session.SampleCount);
                ActivityLoadInput? input = Map(
                    $"{id}#{i + 1}", fileName, session.Sport, session.SubSport, session.StartUtc, sessionMetrics, samples);
                if (input is not null)
                {
                    inputs.Add(input);
                }
            }

            return inputs;
        }

        Sport sport = parsed.Sessions.Count == 1 && parsed.Sessions[0].Sport != Sport.Unknown
            ? parsed.Sessions[0].Sport
            : parsed.Sport;
        ActivityLoadInput? single = Map(id, fileName, sport, parsed.SubSport, parsed.StartUtc, metrics, parsed.Samples);
        return single is null ? [] : [single];
    }

    private static ActivityLoadInput? Map(
        string id,
        string? fileName,
        Sport sport,
        string? subSport,
        DateTimeOffset? statedStart,
        ActivityMetrics metrics,
        IReadOnlyList<ActivitySample> samples)
    {
        DateTimeOffset? start = metrics.StartUtc ?? statedStart ?? (samples.Count > 0 ? samples[0].Time : null);
        TimeSpan? moving = metrics.MovingTime ?? metrics.ElapsedTime;
        if (start is null || moving is null || moving.Value <= TimeSpan.Zero)
        {
            return null; // nothing to place on the calendar, or no duration to load
        }

        return new ActivityLoadInput
        {
            Id = id,
            FileName = fileName,
            Sport = sport,
            SubSport = subSport,
            StartUtc = start.Value.ToUniversalTime(),
            MovingTime = moving.Value,
            ElapsedTime = metrics.ElapsedTime,
            DistanceMeters = metrics.DistanceMeters ?? 0,
            AscentMeters = metrics.AscentMeters,
            DescentMeters = metrics.DescentMeters,
            AvgHeartRateBpm = metrics.HeartRate?.AverageBpm,
            MaxHeartRateBpm = metrics.HeartRate?.MaxBpm,
            AvgCadenceStepsPerMinute = metrics.CadenceUnit == "steps/min" ? metrics.AverageCadence : null,
            AvgTemperatureCelsius = AverageTemperature(samples),
            Samples = samples,
        };
    }

    private static IReadOnlyList<ActivitySample> Slice(IReadOnlyList<ActivitySample> samples, int first, int count)
    {
        first = Math.Clamp(first, 0, samples.Count);
        count = Math.Clamp(count, 0, samples.Count - first);
        if (first == 0 && count == samples.Count)
        {
            return samples;
        }

        var slice = new ActivitySample[count];
        for (int i = 0; i < count; i++)
        {
            slice[i] = samples[first + i];
        }

        return slice;
    }

    private static double? AverageTemperature(IReadOnlyList<ActivitySample> samples)
    {
        double sum = 0;
        int n = 0;
        for (int i = 0; i < samples.Count; i++)
        {
            if (samples[i].TemperatureCelsius is { } t)
            {
                sum += t;
                n++;
            }
        }

        return n == 0 ? null : sum / n;
    }
}
