using System.Runtime.CompilerServices;
using RunRecovery.Scoring.Recordings;

namespace RunRecovery.Scoring.Metrics;

/// <summary>
/// Minetti et al. 2002 (J Appl Physiol 93:1039–1046): energy cost of running per kg per metre against gradient
/// i (fraction), measured from −0.45 to +0.45: Cr = 155.4i⁵ − 30.4i⁴ − 43.3i³ + 46.3i² + 19.5i + 3.6 J·kg⁻¹·m⁻¹.
/// Grade-adjusted distance weighs each piece by Cr(i)/Cr(0); see docs/metrics.md and research §2.3.
/// </summary>
public static class GradeAdjustedPace
{
    /// <summary>Gradients outside the measured range are clamped to it.</summary>
    public const double MaxGrade = 0.45;

    public static double CostOfRunning(double grade)
    {
        double i = Math.Clamp(grade, -MaxGrade, MaxGrade);
        return (((((((((155.4 * i) - 30.4) * i) - 43.3) * i) + 46.3) * i) + 19.5) * i) + 3.6;
    }

    /// <summary>How much more (or less) a metre at this gradient costs than a metre on the flat.</summary>
    public static double CostFactor(double grade) => CostOfRunning(grade) / 3.6;

    /// <summary>
    /// Σ horizontal / Σ cost-equivalent flat distance over moving steps, with altitude smoothed over ±5 samples
    /// and grades taken over pieces of at least 30 m (shorter pieces turn altitude noise into absurd grades).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // issue 18: hot from the first call (docs/benchmarks.md)
    internal static double? Factor(RecordedSeries samples, int first, int count, Movement movement)
    {
        var index = new List<int>(count);
        var altitude = new List<double>(count);
        SampleColumn<double> altitudes = samples.AltitudeMeters;
        for (int k = 0; k < count; k++)
        {
            if (altitudes.Has(first + k) && samples.HasPosition(first + k))
            {
                index.Add(k);
                altitude.Add(altitudes[first + k]);
            }
        }

        if (index.Count < 2)
        {
            return null;
        }

        double[] smooth = new double[altitude.Count];
        double window = 0;
        int lo = 0, hi = -1;
        for (int j = 0; j < altitude.Count; j++)
        {
            while (hi < Math.Min(altitude.Count - 1, j + 5))
            {
                window += altitude[++hi];
            }

            while (lo < j - 5)
            {
                window -= altitude[lo++];
            }

            smooth[j] = window / (hi - lo + 1);
        }

        double horizontal = 0, equivalent = 0, piece = 0;
        double pieceStart = smooth[0];
        for (int j = 1; j < index.Count; j++)
        {
            for (int k = index[j - 1] + 1; k <= index[j]; k++)
            {
                piece += movement.StepMeters[k];
            }

            if (piece >= 30 || j == index.Count - 1)
            {
                if (piece > 0)
                {
                    double grade = (smooth[j] - pieceStart) / piece;
                    horizontal += piece;
                    equivalent += piece * GradeAdjustedPace.CostFactor(grade);
                }

                piece = 0;
                pieceStart = smooth[j];
            }
        }

        return horizontal > 0 && equivalent > 0 ? equivalent / horizontal : null;
    }
}
