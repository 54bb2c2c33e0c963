using RunRecovery.Scoring.Metrics;
using RunRecovery.Scoring.Recordings;

namespace RunRecovery.Scoring.Load;

/// <summary>
/// Turns what a recording said (<see cref="RecordedActivity"/>) and what we measured from it (<see cref="ActivityMetrics"/>)
/// into the load model's input. A multi-session file (triathlon, brick) gives one input per session so each keeps its
/// own sport: a ride's minutes count toward cardio load only, the run's toward the running muscles too.
/// A file whose clock is device-relative (no calendar date) cannot be placed in a runner's history and gives none.
/// </summary>
public static class ActivityLoadInputMapper
{
    public static IReadOnlyList<ActivityLoadInput> From(string id, string? fileName, RecordedActivity recording, ActivityMetrics metrics)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentNullException.ThrowIfNull(recording);
        ArgumentNullException.ThrowIfNull(metrics);

        if (recording.ClockIsDeviceRelative)
        {
            return [];
        }

        if (recording.Sessions.Count > 1)
        {
            var inputs = new List<ActivityLoadInput>(recording.Sessions.Count);
            for (int i = 0; i < recording.Sessions.Count; i++)
            {
                RecordedSession session = recording.Sessions[i];
                ActivityMetrics sessionMetrics = ActivityMetrics.ForSession(recording, i);
                RecordedSeries samples = recording.Samples.Slice(session.FirstSampleIndex, session.SampleCount); // shares the columns
                ActivityLoadInput? input = Map(
                    $"{id}#{i + 1}", fileName, session.Sport, session.SubSport, session.Stated.StartUtc, sessionMetrics, samples);
                if (input is not null)
                {
                    inputs.Add(input);
                }
            }

            return inputs;
        }

        Sport sport = recording.Sessions.Count == 1 && recording.Sessions[0].Sport != Sport.Unknown
            ? recording.Sessions[0].Sport
            : recording.Sport;
        ActivityLoadInput? single = Map(id, fileName, sport, recording.SubSport, recording.StartUtc, metrics, recording.Samples);
        return single is null ? [] : [single];
    }

    private static ActivityLoadInput? Map(
        string id,
        string? fileName,
        Sport sport,
        string? subSport,
        DateTimeOffset? statedStart,
        ActivityMetrics metrics,
        RecordedSeries samples)
    {
        DateTimeOffset? start = metrics.StartUtc ?? statedStart ?? (samples.Count > 0 ? samples.Time[0] : null);
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
            AvgTemperatureCelsius = samples.AverageTemperature(),
            Samples = samples,
        };
    }
}
