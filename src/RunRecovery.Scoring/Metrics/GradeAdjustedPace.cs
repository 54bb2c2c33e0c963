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
}
