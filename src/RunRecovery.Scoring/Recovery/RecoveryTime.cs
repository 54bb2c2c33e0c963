using RunRecovery.Scoring.Load;
using RunRecovery.Scoring.Planning;

namespace RunRecovery.Scoring.Recovery;

/// <summary>
/// Hours until the runner is ready for the next hard session after one activity (docs/recovery-model.md §5).
/// No validated public formula exists (research §2.6); this is our design from the cited anchors.
/// </summary>
public static class RecoveryTime
{
    /// <summary>Coggan's bands read linearly: TSS 150 → 24 h, 300 → 48 h, 450 → 72 h (research §1.3), so 0.16 h per
    /// TSS point; cardio load enters as TRIMP(100) = 100 × TRIMP / TRIMP(1 h at threshold) (research §2.2).</summary>
    public const double HoursPerTssPoint = 0.16;

    /// <summary>Muscular hours 24·log2(1 + L/10) of the most loaded group: one easy 10 km (L ≈ 10) → 24 h, L = 30 → 48 h,
    /// L = 70 → 72 h, matching the 24–72 h DOMS peak (research §2.7). Our assumption, §5.</summary>
    public const double MuscleHoursPerDoubling = 24;

    public const double MuscleLoadScale = 10;

    /// <summary>Upper bound: Garmin's recovery time range of 0–4 days (research §1.1).</summary>
    public const double MaxHours = 96;

    /// <summary>+1 % per year above 35, at most +40 %. Our assumption, §5 (no source in the research file).</summary>
    public static double AgeFactor(int? age) => age is { } a ? Math.Min(1.4, 1 + (0.01 * Math.Max(0, a - 35))) : 1.0;

    /// <summary>Beginner 1.15, intermediate 1.0, advanced 0.9. Our assumption, §5.</summary>
    public static double ExperienceFactor(ExperienceLevel experience) => experience switch
    {
        ExperienceLevel.Beginner => 1.15,
        ExperienceLevel.Advanced => 0.9,
        _ => 1.0,
    };

    public static double CardioHours(double cardioLoad, Sex sex) =>
        HoursPerTssPoint * 100 * Math.Max(0, cardioLoad) / Trimp.OneHourAtThreshold(sex);

    public static double MuscleHours(double maxGroupLoad) =>
        MuscleHoursPerDoubling * Math.Log2(1 + (Math.Max(0, maxGroupLoad) / MuscleLoadScale));

    /// <summary>max(cardio hours, muscular hours) × age factor × experience factor, capped at 96 h.</summary>
    public static double Hours(double cardioLoad, MuscleLoad muscleLoad, RunnerProfile profile, DateTimeOffset atUtc)
    {
        double basis = Math.Max(CardioHours(cardioLoad, profile.Sex), MuscleHours(muscleLoad.Max));
        return Math.Min(MaxHours, basis * AgeFactor(profile.AgeAt(atUtc)) * ExperienceFactor(profile.Experience));
    }
}
