using RunRecovery.Scoring.Planning;

namespace RunRecovery.Scoring.Load;

/// <summary>How the runner's recent history changes a run's muscular load: novelty (§3.4) and repeated-bout
/// protection (§3.5) in docs/recovery-model.md. Only earlier activities are read.</summary>
public static class MuscleAdaptation
{
    /// <summary>Window for a group's recent norm (the biggest bout in the last 6 weeks). Our assumption, §3.4.</summary>
    public static readonly TimeSpan NoveltyWindow = TimeSpan.FromDays(42);

    /// <summary>Novelty n = 1 + 0.35·ln(raw / norm), between 1 and 1.5; 1.5 with no norm at all. Our assumption, §3.4
    /// ("the least accustomed suffer most", Bontemps 2020, research §2.7).</summary>
    public const double NoveltySlope = 0.35;

    public const double NoveltyCap = 1.5;

    /// <summary>Runs per week assumed when turning the profile's weekly distance into a typical run. Our assumption, §3.4.</summary>
    public const double AssumedRunsPerWeek = 4;

    /// <summary>Repeated-bout window: protection measured at 6–9 weeks (Cleary 2002, research §2.7).</summary>
    public static readonly TimeSpan RepeatedBoutWindow = TimeSpan.FromDays(63);

    /// <summary>At most 40 % of a descent's eccentric load is removed after a similar recent descent. Our assumption
    /// for the size of the attenuation reported by Khassetarash 2022 and Bontemps 2020 (research §2.7), §3.5.</summary>
    public const double MaxProtection = 0.4;

    public static MuscleLoad Protection(DateTimeOffset start, MuscleLoad eccentric, ReadOnlySpan<LoadTrace> earlier)
    {
        if (eccentric.Max <= 0)
        {
            return MuscleLoad.Zero;
        }

        MuscleLoad previous = MuscleLoad.Zero;
        DateTimeOffset from = start - RepeatedBoutWindow;
        for (int i = earlier.Length - 1; i >= 0 && earlier[i].StartUtc >= from; i--)
        {
            previous = MuscleLoad.Greatest(previous, earlier[i].EccentricLoad);
        }

        return eccentric.Map((g, e) => e > 0 ? MaxProtection * Math.Min(1, previous[g] / e) : 0);
    }

    public static MuscleLoad Novelty(DateTimeOffset start, MuscleLoad raw, RunnerProfile profile, ReadOnlySpan<LoadTrace> earlier) =>
        Novelty(start, raw, profile, earlier, out _);

    /// <param name="loadToNorm">The largest raw / norm over the groups that have a norm; null when none has.</param>
    public static MuscleLoad Novelty(DateTimeOffset start, MuscleLoad raw, RunnerProfile profile, ReadOnlySpan<LoadTrace> earlier, out double? loadToNorm)
    {
        loadToNorm = null;
        if (raw.Max <= 0)
        {
            return new MuscleLoad(1, 1, 1, 1, 1);
        }

        double typicalKm = (profile.WeeklyDistanceKm ?? 0) / AssumedRunsPerWeek;
        MuscleLoad norm = MuscularLoadModel.LevelPerKm * typicalKm;
        DateTimeOffset from = start - NoveltyWindow;
        for (int i = earlier.Length - 1; i >= 0 && earlier[i].StartUtc >= from; i--)
        {
            if (earlier[i].LoadsRunningMuscles)
            {
                norm = MuscleLoad.Greatest(norm, earlier[i].RawMuscleLoad);
            }
        }

        double? largest = null;
        foreach (var g in MuscleLoad.Groups)
        {
            if (norm[g] > 0 && raw[g] > 0)
            {
                largest = Math.Max(largest ?? 0, raw[g] / norm[g]);
            }
        }

        loadToNorm = largest;
        return raw.Map((g, r) => NoveltyFactor(r, norm[g]));
    }

    /// <summary>n = clamp(1 + 0.35·ln(raw/norm), 1, 1.5); 1.5 when there is no norm (§3.4).</summary>
    public static double NoveltyFactor(double raw, double norm)
    {
        if (raw <= 0)
        {
            return 1;
        }

        if (norm <= 0)
        {
            return NoveltyCap;
        }

        return Math.Clamp(1 + (NoveltySlope * Math.Log(raw / norm)), 1, NoveltyCap);
    }
}
