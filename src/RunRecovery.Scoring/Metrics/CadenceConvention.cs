using System.Runtime.CompilerServices;
using RunRecovery.Scoring.Recordings;

namespace RunRecovery.Scoring.Metrics;

/// <summary>
/// The one cadence unit the service reports (docs/metrics.md, "Cadence"): steps per minute for foot sports, whose
/// files mostly count strides (one foot, so doubled); revolutions per minute otherwise. Used by the metrics and by
/// the sample series alike, so the detail and the chart agree.
/// </summary>
public static class CadenceConvention
{
    /// <summary>A foot sport whose median cadence is below this counts strides, not steps (a runner's steps are 140–200/min).</summary>
    public const double StrideMedianBelow = 120;

    /// <summary>The factor from the file's values to the reported unit, and the unit's name; (1, null) without any cadence.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // issue 18: hot from the first call (docs/benchmarks.md)
    public static (double Factor, string? Unit) Of(RecordedSeries samples, int first, int count, Sport sport)
    {
        // The median decides, but only which side of the threshold it falls: the sorted middle value
        // (index n / 2) is below it exactly when more than n / 2 values are, so counting replaces the sort.
        int values = 0;
        int below = 0;
        SampleColumn<double> cadences = samples.CadenceRpm;
        for (int i = first; i < first + count; i++)
        {
            if (cadences.Has(i) && cadences[i] is > 0 and var c)
            {
                values++;
                below += c < StrideMedianBelow ? 1 : 0;
            }
        }

        if (values == 0)
        {
            return (1, null);
        }

        if (sport is Sport.Running or Sport.Walking or Sport.Hiking)
        {
            return (below > values / 2 ? 2 : 1, "steps/min");
        }

        return (1, sport == Sport.Unknown ? "as-recorded" : "rpm");
    }
}
