using RunRecovery.Formats.Fit.Profile;
using RunRecovery.Formats.Model;

namespace RunRecovery.Formats.Fit.Mapping;

/// <summary>
/// A session message as read. Its sample range is found only at the end (<see cref="ToSession"/>), so "summary
/// first" files work like "summary last" ones.
/// </summary>
internal sealed record SessionData(
    uint? Timestamp,
    DateTimeOffset? Start,
    long? Sport,
    long? SubSport,
    double? Elapsed,
    double? Timer,
    double? Distance,
    double? Ascent,
    double? Descent,
    int? AvgHeartRate,
    int? MaxHeartRate,
    double? AvgCadence,
    int? Calories)
{
    public uint? StartTime => Start is DateTimeOffset s ? FitProfile.ToFitSeconds(s) : null;

    public ActivitySession ToSession(SampleList samples)
    {
        // end = start_time + total_elapsed_time (never the message timestamp: summary-first files), rounded
        // up to the whole second because records carry whole seconds.
        DateTimeOffset? end = Start is DateTimeOffset s && MessageValues.Seconds(Elapsed) is TimeSpan e
            ? s + TimeSpan.FromSeconds(Math.Ceiling(e.TotalSeconds))
            : Timestamp is uint t ? FitProfile.ToDateTime(t) : null;
        int first = 0;
        int count = 0;
        if (Start is DateTimeOffset from && end is DateTimeOffset to)
        {
            first = LowerBound(samples, from);
            count = LowerBound(samples, to.AddTicks(1)) - first;
        }

        return new ActivitySession
        {
            Sport = FitProfile.SportName(Sport),
            SubSport = FitProfile.SubSportName(SubSport),
            StartUtc = Start,
            ElapsedTime = MessageValues.Seconds(Elapsed),
            TimerTime = MessageValues.Seconds(Timer),
            DistanceMeters = Distance,
            AscentMeters = Ascent,
            DescentMeters = Descent,
            AvgHeartRateBpm = AvgHeartRate,
            MaxHeartRateBpm = MaxHeartRate,
            AvgCadenceRpm = AvgCadence,
            Calories = Calories,
            FirstSampleIndex = first,
            SampleCount = Math.Max(0, count),
        };
    }

    private static int LowerBound(SampleList samples, DateTimeOffset time)
    {
        int lo = 0;
        int hi = samples.Count;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (samples[mid].Time < time)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
