using System.Runtime.CompilerServices;
using RunRecovery.Scoring.Recordings;

namespace RunRecovery.Scoring.Metrics;

/// <summary>Average cadence of a range of samples, in steps per minute for foot sports (docs/metrics.md, "Cadence").</summary>
internal static class CadenceAnalysis
{
    /// <summary>Foot sports report steps per minute: a median below 120 means the file counts strides (one foot) (<see cref="CadenceConvention"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // issue 18: hot from the first call (docs/benchmarks.md)
    public static (double? Value, string? Unit) Average(RecordedSeries samples, int first, int count, Sport sport)
    {
        double sum = 0;
        int n = 0;
        SampleColumn<double> cadences = samples.CadenceRpm;
        for (int i = first; i < first + count; i++)
        {
            if (cadences.Has(i) && cadences[i] is > 0 and var c)
            {
                sum += c;
                n++;
            }
        }

        if (n == 0)
        {
            return (null, null);
        }

        (double factor, string? unit) = CadenceConvention.Of(samples, first, count, sport);
        return (sum / n * factor, unit);
    }
}
