using RunRecovery.Scoring.Load;
using RunRecovery.Scoring.Planning;
using RunRecovery.Scoring.Recordings;
using RunRecovery.Scoring.Tests.Scenarios;
using Xunit;

namespace RunRecovery.Scoring.Tests.Load;

public class MuscularLoadTests
{
    private static readonly DateTimeOffset Start = new(2026, 5, 1, 6, 0, 0, TimeSpan.Zero);

    private static ActivityLoadInput Totals(double km, double speed, double ascent = 0, double descent = 0, double? cadence = 170, Sport sport = Sport.Running) => new()
    {
        Id = "a",
        Sport = sport,
        StartUtc = Start,
        MovingTime = TimeSpan.FromSeconds(km * 1000 / speed),
        DistanceMeters = km * 1000,
        AscentMeters = ascent,
        DescentMeters = descent,
        AvgCadenceStepsPerMinute = cadence,
    };

    // docs/recovery-model.md §3.6 example A: 10 km flat at 3.0 m/s, 170 spm: every factor is 1, so the load is
    // 10 × (1.0, 0.4, 0.8, 0.6, 0.6).
    // Example B: same with 500 m descent from totals: grade (0 + 500)/10 000 = 0.05 → f = 0.75; weighted descent 375 m
    // → ×3.75 of (1.4, 1.5, 3.0, 0.5, 0.75) eccentric per 100 m.
    [Theory]
    [InlineData(0, 10.0, 4.0, 8.0, 6.0, 6.0, 0, 0, 0, 0, 0)]
    [InlineData(500, 10.0, 4.0, 8.0, 6.0, 6.0, 5.25, 5.625, 11.25, 1.875, 2.8125)]
    public void Hand_worked_flat_and_descent_examples(double descent,
        double calves, double shins, double quads, double hams, double glutes,
        double eCalves, double eShins, double eQuads, double eHams, double eGlutes)
    {
        var (concentric, eccentric, _) = MuscularLoadModel.Raw(Totals(10, 3.0, descent: descent));

        Assert.Equal(new MuscleLoad(calves, shins, quads, hams, glutes), Round(concentric));
        Assert.Equal(new MuscleLoad(eCalves, eShins, eQuads, eHams, eGlutes), Round(eccentric));
    }

    // Uphill: 300 m climb, 10 km flat-equivalent distance, 3.0 m/s → +3 × (0.66, 0, 0, 0.33, 0.66).
    [Fact]
    public void Climbing_loads_calves_glutes_and_hamstrings()
    {
        var (concentric, eccentric, _) = MuscularLoadModel.Raw(Totals(10, 3.0, ascent: 300));

        Assert.Equal(new MuscleLoad(10 + 1.98, 4, 8, 6 + 0.99, 6 + 1.98), Round(concentric));
        Assert.Equal(MuscleLoad.Zero, eccentric);
    }

    [Theory]
    [InlineData(0.02, 0.6)]
    [InlineData(0.10, 1.0)]
    [InlineData(0.20, 1.5)]
    [InlineData(0.45, 2.75)]
    [InlineData(0.60, 2.75)]
    public void Steepness_factor_table(double grade, double expected)
    {
        Assert.Equal(expected, MuscularLoadModel.SteepnessFactor(grade), 9);
    }

    [Fact]
    public void Sample_based_descent_measures_steepness_with_3_m_hysteresis()
    {
        // 1 km flat, then 200 m down at 20 % (1 km horizontal): f(0.2) = 1.5 → weighted descent 300 m.
        var run = new SyntheticRun("s", Start).Flat(1, 3.0).Hill(-200, 0.20, 3.0).Build();

        var (ascent, weighted, descent) = MuscularLoadModel.Elevation(run);

        Assert.Equal(0, ascent, 6);
        Assert.InRange(descent, 197, 200.0001); // the last < 3 m step stays below the hysteresis
        Assert.Equal(1.5 * descent, weighted, 6);
    }

    [Fact]
    public void Cycling_and_swimming_do_not_load_running_muscles()
    {
        foreach (var sport in new[] { Sport.Cycling, Sport.Swimming, Sport.Rowing })
        {
            var (concentric, eccentric, _) = MuscularLoadModel.Raw(Totals(40, 8, ascent: 500, descent: 500, cadence: null, sport: sport));
            Assert.Equal(MuscleLoad.Zero, concentric);
            Assert.Equal(MuscleLoad.Zero, eccentric);
        }
    }

    // Novelty (§3.4): n = clamp(1 + 0.35 ln(raw/norm), 1, 1.5). raw = 2 × norm → 1 + 0.35 × 0.6931 = 1.2426.
    [Theory]
    [InlineData(10, 10, 1.0)]
    [InlineData(20, 10, 1.2426)]
    [InlineData(5, 10, 1.0)]
    [InlineData(100, 10, 1.5)]
    [InlineData(5, 0, 1.5)]
    [InlineData(0, 0, 1.0)]
    public void Novelty_factor_table(double raw, double norm, double expected)
    {
        Assert.Equal(expected, MuscleAdaptation.NoveltyFactor(raw, norm), 4);
    }

    [Fact]
    public void A_recent_similar_descent_protects_the_next_one()
    {
        var profile = new RunnerProfile { WeeklyDistanceKm = 40 };
        var first = Totals(10, 3.0, ascent: 500, descent: 500) with { Id = "first" };
        var second = first with { Id = "second", StartUtc = Start.AddDays(21) };
        var history = LoadHistory.Build(profile, [first, second]);

        var a = history.Activities[0];
        var b = history.Activities[1];

        Assert.Equal(MuscleLoad.Zero, a.Protection);
        Assert.Equal(0.4, b.Protection.Quadriceps, 9); // §3.5: full 40 % when the earlier descent was at least as big
        Assert.True(b.MuscleLoad.Quadriceps < a.MuscleLoad.Quadriceps);
    }

    private static MuscleLoad Round(MuscleLoad m) => m.Map((_, v) => Math.Round(v, 4));
}
