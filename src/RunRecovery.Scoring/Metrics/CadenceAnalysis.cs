using RunRecovery.Scoring.Recordings;

namespace RunRecovery.Scoring.Metrics;

/// <summary>Average cadence of a range of samples, in steps per minute for foot sports (docs/metrics.md, "Cadence").</summary>
internal static class CadenceAnalysis
{
    /// <summary>Foot sports report steps per minute: a median below 120 means the file counts strides (one foot).</summary>
    public static (double? Value, string? Unit) Average(ReadOnlySpan<RecordedSample> samples, int first, int count, Sport sport)
    {
        var values = new List<double>(count);
        for (int i = first; i < first + count; i++)
        {
            if (samples[i].CadenceRpm is > 0 and { } c)
            {
                values.Add(c);
            }
        }

        if (values.Count == 0)
        {
            return (null, null);
        }

        double average = values.Average();
        if (sport is Sport.Running or Sport.Walking or Sport.Hiking)
        {
            values.Sort();
            double median = values[values.Count / 2];
            return (median < 120 ? average * 2 : average, "steps/min");
        }

        return (average, sport == Sport.Unknown ? "as-recorded" : "rpm");
    }
}
