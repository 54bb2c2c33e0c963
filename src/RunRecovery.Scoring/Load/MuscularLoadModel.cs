using RunRecovery.Scoring.Recordings;

namespace RunRecovery.Scoring.Load;

/// <summary>
/// Mechanical load per running muscle group before novelty and repeated-bout adjustments
/// (docs/recovery-model.md §3). Units: 1 ≈ one easy flat kilometre on the calves.
/// </summary>
public static class MuscularLoadModel
{
    /// <summary>Per flat km: calves 1.0, shins 0.4, quadriceps 0.8, hamstrings 0.6, glutes 0.6. Our assumption, §3.1,
    /// ordered after the anti-gravity muscles of Eston 1995 (research §2.7).</summary>
    public static readonly MuscleLoad LevelPerKm = new(1.0, 0.4, 0.8, 0.6, 0.6);

    /// <summary>Per 100 m climbed: Minetti's +66 % cost at +10 % (0.66 flat-km equivalents) to calves and glutes,
    /// half to hamstrings (research §2.3 [C]; split is ours, §3.2).</summary>
    public static readonly MuscleLoad UphillPer100m = new(0.66, 0, 0, 0.33, 0.66);

    /// <summary>Per 100 m descended at 10 %: quadriceps 3.0, shins 1.5, calves 1.4 (= 3.0 × 7/15, the ratio of
    /// plantar-flexor to knee-extensor torque loss in Maeo 2017), glutes 0.75, hamstrings 0.5 (research §2.7; §3.3).</summary>
    public static readonly MuscleLoad DownhillPer100m = new(1.4, 1.5, 3.0, 0.5, 0.75);

    /// <summary>Reference speed for the speed factor (m/s, 5:33 min/km). Our assumption, §3.1.</summary>
    public const double ReferenceSpeed = 3.0;

    /// <summary>Reference cadence (steps/min) for the stride factor. Our assumption, §3.1.</summary>
    public const double ReferenceCadence = 170;

    /// <summary>Altitude hysteresis for descent segments: GoldenCheetah's 3 m default (research §2.10).</summary>
    public const double HysteresisMeters = 3.0;

    /// <summary>Grades beyond Minetti's measured range (±0.45) are clipped (research §2.3).</summary>
    public const double MaxGrade = 0.45;

    /// <summary>Walking and hiking: level load × 0.4, climbing × 1.0, descending × 0.8. Our assumption, §3.1.</summary>
    public static (double Level, double Up, double Down) SportFactors(Sport sport) => sport switch
    {
        Sport.Running => (1.0, 1.0, 1.0),
        Sport.Walking or Sport.Hiking => (0.4, 1.0, 0.8),
        _ => (0, 0, 0),
    };

    /// <summary>Eccentric steepness factor f(g) = clamp(0.5 + 5g, 0.5, 2.75): 1.0 at 10 %, 1.5 at 20 %; never
    /// decreasing in g. Our assumption, §3.3.</summary>
    public static double SteepnessFactor(double grade) => Math.Clamp(0.5 + (5 * Math.Abs(grade)), 0.5, 0.5 + (5 * MaxGrade));

    /// <summary>Speed factor clamp(v / 3.0, 0.6, 2.0) (§3.1).</summary>
    public static double SpeedFactor(double speed) => Math.Clamp(speed / ReferenceSpeed, 0.6, 2.0);

    /// <summary>Stride factor clamp(170 / cadence, 0.85, 1.2) on quadriceps, hamstrings and glutes; 1 when unknown (§3.1).</summary>
    public static double StrideFactor(double? stepsPerMinute) =>
        stepsPerMinute is > 0 and { } spm ? Math.Clamp(ReferenceCadence / spm, 0.85, 1.2) : 1.0;

    /// <summary>Fatigue of long efforts: 1 + (minutes − 90)/180 beyond 90 minutes, at most 3 (§3.1).</summary>
    public static double DurationFactor(TimeSpan moving) =>
        Math.Min(3.0, 1 + (Math.Max(0, moving.TotalMinutes - 90) / 180));

    /// <summary>The concentric/level part and the eccentric (descent) part of the load, before novelty.</summary>
    public static (MuscleLoad Concentric, MuscleLoad Eccentric, double DescentMeters) Raw(ActivityLoadInput activity)
    {
        (double levelFactor, double upFactor, double downFactor) = SportFactors(activity.Sport);
        if (levelFactor == 0 && upFactor == 0)
        {
            return (MuscleLoad.Zero, MuscleLoad.Zero, 0);
        }

        double km = Math.Max(0, activity.DistanceMeters) / 1000;
        double seconds = activity.MovingTime.TotalSeconds;
        double speed = seconds > 0 ? activity.DistanceMeters / seconds : ReferenceSpeed;
        double s = SpeedFactor(speed);
        double c = StrideFactor(activity.AvgCadenceStepsPerMinute);
        double d = DurationFactor(activity.MovingTime);

        MuscleLoad level = LevelPerKm.Map((g, w) => w * km * s * d * levelFactor * g switch
        {
            MuscleGroup.Hamstrings => s * c,
            MuscleGroup.Quadriceps or MuscleGroup.Glutes => c,
            _ => 1.0,
        });

        (double ascent, double weightedDescent, double descent) = Elevation(activity);
        MuscleLoad up = UphillPer100m * (ascent / 100 * upFactor * d);
        MuscleLoad down = DownhillPer100m * (weightedDescent / 100 * downFactor * d);
        return (level + up, down, descent);
    }

    /// <summary>Ascent, steepness-weighted descent Σ Δh·f(g) and plain descent, from samples when they carry
    /// altitude and distance, otherwise from the totals with the mean grade (ascent + descent) / distance.</summary>
    public static (double Ascent, double WeightedDescent, double Descent) Elevation(ActivityLoadInput activity)
    {
        var samples = activity.Samples;
        int usable = 0;
        for (int i = 0; i < samples.Count && usable < 2; i++)
        {
            if (samples.AltitudeMeters.Has(i) && samples.DistanceMeters.Has(i))
            {
                usable++;
            }
        }

        if (usable >= 2)
        {
            return FromSamples(activity);
        }

        double ascentTotal = Math.Max(0, activity.AscentMeters ?? 0);
        double descentTotal = Math.Max(0, activity.DescentMeters ?? 0);
        double grade = activity.DistanceMeters > 0 ? Math.Min(MaxGrade, (ascentTotal + descentTotal) / activity.DistanceMeters) : MaxGrade;
        return (ascentTotal, descentTotal * SteepnessFactor(grade), descentTotal);
    }

    private static (double Ascent, double WeightedDescent, double Descent) FromSamples(ActivityLoadInput activity)
    {
        double ascent = 0, weighted = 0, descent = 0;
        double? refAlt = null;
        double refDist = 0;
        SampleColumn<double> altitudes = activity.Samples.AltitudeMeters, distances = activity.Samples.DistanceMeters;
        for (int i = 0; i < activity.Samples.Count; i++)
        {
            if (!altitudes.Has(i) || !distances.Has(i))
            {
                continue;
            }

            double alt = altitudes[i], dist = distances[i];
            if (refAlt is not { } reference)
            {
                refAlt = alt;
                refDist = dist;
                continue;
            }

            double rise = alt - reference;
            if (Math.Abs(rise) <= HysteresisMeters)
            {
                if (rise >= 0)
                {
                    refDist = dist; // still level with the reference: a later drop is measured from here
                }

                continue;
            }

            double run = Math.Max(dist - refDist, Math.Abs(rise) / MaxGrade);
            if (rise > 0)
            {
                ascent += rise;
            }
            else
            {
                descent += -rise;
                weighted += -rise * SteepnessFactor(-rise / run);
            }

            refAlt = alt;
            refDist = dist;
        }

        return (ascent, weighted, descent);
    }
}
