using RunRecovery.Scoring.Load;
using RunRecovery.Scoring.Planning;
using RunRecovery.Scoring.Recovery;
using Xunit;

namespace RunRecovery.Scoring.Tests.Recovery;

public class RecoveryTimeTests
{
    // docs/recovery-model.md §5: TRIMP(100) = 100 × TRIMP / 194.55 (male, 1 h at x = 0.9), 0.16 h per point
    // (Coggan: 150 → 24 h, 300 → 48 h, 450 → 72 h, research §1.3).
    [Theory]
    [InlineData(194.5515, 16.0)]
    [InlineData(291.8273, 24.0)]
    [InlineData(583.6546, 48.0)]
    [InlineData(0, 0)]
    public void Cardio_hours_follow_the_coggan_bands(double trimp, double hours)
    {
        Assert.Equal(hours, RecoveryTime.CardioHours(trimp, Sex.Male), 3);
    }

    // 24 · log2(1 + L/10): L 10 → 24 h, 30 → 48 h, 70 → 72 h, 150 → 96 h (§5, DOMS peak 24–72 h, research §2.7).
    [Theory]
    [InlineData(0, 0)]
    [InlineData(10, 24)]
    [InlineData(30, 48)]
    [InlineData(70, 72)]
    [InlineData(150, 96)]
    public void Muscle_hours_double_with_each_doubling_of_load_plus_ten(double load, double hours)
    {
        Assert.Equal(hours, RecoveryTime.MuscleHours(load), 9);
    }

    [Theory]
    [InlineData(null, 1.0)]
    [InlineData(30, 1.0)]
    [InlineData(45, 1.1)]
    [InlineData(68, 1.33)]
    [InlineData(90, 1.4)]
    public void Age_factor_table(int? age, double factor)
    {
        Assert.Equal(factor, RecoveryTime.AgeFactor(age), 9);
    }

    [Fact]
    public void Hours_take_the_larger_part_apply_personal_factors_and_cap_at_96()
    {
        var at = new DateTimeOffset(2026, 5, 1, 0, 0, 0, TimeSpan.Zero);
        var beginner45 = new RunnerProfile { Sex = Sex.Male, BirthYear = 1981, Experience = ExperienceLevel.Beginner };

        // max(16 h cardio, 24 h muscle) × 1.1 (age 45) × 1.15 (beginner) = 30.36 h.
        Assert.Equal(30.36, RecoveryTime.Hours(194.5515, new MuscleLoad(10, 4, 8, 6, 6), beginner45, at), 2);
        Assert.Equal(96, RecoveryTime.Hours(2000, MuscleLoad.Zero, beginner45, at));
    }
}
