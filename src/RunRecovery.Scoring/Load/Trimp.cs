using RunRecovery.Scoring.Planning;
using RunRecovery.Scoring.Recordings;

namespace RunRecovery.Scoring.Load;

/// <summary>Banister's exponential training impulse (docs/recovery-model.md §2.1).</summary>
public static class Trimp
{
    /// <summary>Sample gaps longer than this count only this long (pauses, dropouts). Our assumption, §2.1.</summary>
    public const double MaxSampleGapSeconds = 30;

    /// <summary>HRrest when the profile has none: Runalyze's default 60 bpm (research §1.5, §2.1).</summary>
    public const int DefaultRestingHeartRateBpm = 60;

    /// <summary>HR-reserve fraction we take as "threshold" for the TRIMP(100)/HRSS scale. Our assumption, §2.1.</summary>
    public const double ThresholdReserveFraction = 0.9;

    /// <summary>Sex weighting A·e^(B·x). Men 0.64/1.92, women 0.86/1.67 (Banister 1991 as transcribed, research §2.2);
    /// unknown sex uses Runalyze's middle curve 0.725215/1.795 (research §1.5).</summary>
    public static (double A, double B) Weighting(Sex sex) => sex switch
    {
        Sex.Male => (0.64, 1.92),
        Sex.Female => (0.86, 1.67),
        _ => (0.725215, 1.795),
    };

    /// <summary>HR-reserve fraction x = (HR − HRrest)/(HRmax − HRrest), clipped to [0, 1] (research §2.1; clip ≤ 1 is ours).</summary>
    public static double ReserveFraction(double heartRateBpm, double maxBpm, double restBpm)
    {
        double span = maxBpm - restBpm;
        if (span <= 0)
        {
            return 0;
        }

        return Math.Clamp((heartRateBpm - restBpm) / span, 0, 1);
    }

    /// <summary>TRIMP for <paramref name="minutes"/> at constant reserve fraction x: minutes · x · A·e^(B·x).</summary>
    public static double Constant(double minutes, double x, Sex sex)
    {
        (double a, double b) = Weighting(sex);
        return Math.Max(0, minutes) * x * a * Math.Exp(b * x);
    }

    /// <summary>TRIMP of one hour at threshold (x = 0.9): the unit of TRIMP(100) (GoldenCheetah, research §2.2).</summary>
    public static double OneHourAtThreshold(Sex sex) => Constant(60, ThresholdReserveFraction, sex);

    /// <summary>Σ Δt·x·A·e^(B·x) over heart-rate samples; null when fewer than two samples carry heart rate.</summary>
    public static double? FromSamples(RecordedSeries samples, double maxBpm, double restBpm, Sex sex)
    {
        (double a, double b) = Weighting(sex);
        double total = 0;
        int withHeartRate = 0;
        SampleColumn<int> heartRates = samples.HeartRateBpm;
        SampleColumn<DateTimeOffset> times = samples.Time;
        for (int i = 0; i < samples.Count - 1; i++)
        {
            if (!heartRates.Has(i))
            {
                continue;
            }

            int hr = heartRates[i];
            withHeartRate++;
            double dtSeconds = (times[i + 1] - times[i]).TotalSeconds;
            if (dtSeconds <= 0)
            {
                continue;
            }

            double x = ReserveFraction(hr, maxBpm, restBpm);
            total += Math.Min(dtSeconds, MaxSampleGapSeconds) / 60.0 * x * a * Math.Exp(b * x);
        }

        return withHeartRate >= 2 ? total : null;
    }
}
