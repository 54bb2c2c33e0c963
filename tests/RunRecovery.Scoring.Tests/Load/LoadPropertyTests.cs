using CsCheck;
using RunRecovery.Scoring.Load;
using RunRecovery.Scoring.Planning;
using RunRecovery.Scoring.Recordings;
using RunRecovery.Scoring.Tests.Scenarios;
using Xunit;

namespace RunRecovery.Scoring.Tests.Load;

public class LoadPropertyTests
{
    private const double Tolerance = 1e-9;

    [Fact]
    public void Loads_and_recovery_are_never_negative_and_recovery_stays_within_96_h()
    {
        Gen.Select(Generators.Profile, Generators.History(12, 40)).Sample((profile, runs) =>
        {
            var history = LoadHistory.Build(profile, runs);
            foreach (var a in history.Activities)
            {
                Assert.True(a.CardioLoad >= 0 && double.IsFinite(a.CardioLoad), $"cardio {a.CardioLoad}");
                foreach (var g in MuscleLoad.Groups)
                {
                    Assert.True(a.MuscleLoad[g] >= 0 && double.IsFinite(a.MuscleLoad[g]), $"{g} {a.MuscleLoad[g]}");
                }

                Assert.InRange(a.RecoveryHours, 0, 96);
            }

            foreach (var d in history.Days)
            {
                Assert.True(d.Load >= 0 && d.Acute >= 0 && d.Chronic >= 0 && d.Monotony >= 0 && d.Strain >= 0, d.ToString());
            }
        }, iter: 150, threads: 1);
    }

    [Fact]
    public void More_of_the_same_run_never_lowers_load_or_recovery_time()
    {
        Gen.Select(Generators.Profile, Generators.History(6, 20), Generators.Activity("x", Gen.Const(21 * 24.0)), Gen.Double[1, 3])
            .Sample((profile, earlier, run, k) =>
            {
                var shorter = LoadHistory.Build(profile, [.. earlier, run]).Activities[^1];
                var longer = LoadHistory.Build(profile, [.. earlier, Generators.Scaled(run, k)]).Activities[^1];
                AssertNotLower(shorter, longer);
            }, iter: 200, threads: 1);
    }

    [Fact]
    public void More_of_the_same_sampled_run_never_lowers_load_or_recovery_time()
    {
        var start = Generators.Epoch;
        Gen.Select(Gen.Int[1, 3], Gen.Double[2.0, 4.5], Gen.Int[110, 185], Gen.Double[0.02, 0.25], Gen.Bool).Sample((repeats, speed, hr, grade, withHr) =>
        {
            ActivityLoadInput Build(int n)
            {
                var run = new SyntheticRun("s", start).SampleEvery(20);
                for (int i = 0; i < n; i++)
                {
                    run.Flat(2, speed, hr).Hill(80, grade, speed * 0.8, hr + 5).Hill(-80, grade, speed * 1.1, hr - 5);
                }

                return withHr ? run.Build() : run.NoHeartRate().Build();
            }

            var profile = new RunnerProfile { Sex = Sex.Female, BirthYear = 1985, WeeklyDistanceKm = 30 };
            var shorter = LoadHistory.Build(profile, [Build(repeats)]).Activities[0];
            var longer = LoadHistory.Build(profile, [Build(repeats + 1)]).Activities[0];
            AssertNotLower(shorter, longer);
        }, iter: 60, threads: 1);
    }

    [Fact]
    public void A_steeper_descent_never_lowers_quadriceps_load()
    {
        // Same horizontal distance, same speed: only the grade of the 2 km downhill changes (grades 2 % apart at least).
        Gen.Select(Gen.Int[1, 14], Gen.Int[1, 8], Gen.Double[2.2, 4.5], Generators.Profile).Sample((g1, step, speed, profile) =>
        {
            double gentle = g1 * 0.02, steep = Math.Min(0.45, gentle + (step * 0.02));
            ActivityLoadInput Run(double grade) => new SyntheticRun("d", Generators.Epoch).SampleEvery(10)
                .Flat(3, speed).Segment(2000, -grade, speed, 150).Flat(1, speed).Build();

            double q1 = LoadHistory.Build(profile, [Run(gentle)]).Activities[0].MuscleLoad.Quadriceps;
            double q2 = LoadHistory.Build(profile, [Run(steep)]).Activities[0].MuscleLoad.Quadriceps;
            Assert.True(q2 >= q1 - Tolerance, $"{gentle:0.00}: {q1}, {steep:0.00}: {q2}");
        }, iter: 150, threads: 1);
    }

    [Fact]
    public void More_descent_over_the_same_distance_never_lowers_quadriceps_load_from_totals()
    {
        Gen.Select(Generators.Activity("t", Gen.Const(0.0)), Gen.Double[0, 1500], Generators.Profile).Sample((run, extra, profile) =>
        {
            var running = run with { Sport = Sport.Running };
            var steeper = running with { DescentMeters = (running.DescentMeters ?? 0) + extra };
            double q1 = LoadHistory.Build(profile, [running]).Activities[0].MuscleLoad.Quadriceps;
            double q2 = LoadHistory.Build(profile, [steeper]).Activities[0].MuscleLoad.Quadriceps;
            Assert.True(q2 >= q1 - Tolerance, $"{q1} → {q2}");
        }, iter: 200, threads: 1);
    }

    [Fact]
    public void Ewma_equals_the_closed_form_weighted_sum()
    {
        Gen.Select(Gen.Double[0, 150], Gen.Double[0, 400].Array[1, 120]).Sample((seed, loads) =>
        {
            var days = loads.Select((l, i) => new DayLoad(new DateOnly(2026, 1, 1).AddDays(i), l, 0, 0, null, 0, 0, 0)).ToArray();
            LoadSeries.Fill(days, 0, seed);

            int n = loads.Length;
            foreach (var (lambda, actual) in new[] { (LoadSeries.AcuteLambda, days[^1].Acute), (LoadSeries.ChronicLambda, days[^1].Chronic) })
            {
                double expected = Math.Pow(1 - lambda, n) * seed;
                for (int i = 0; i < n; i++)
                {
                    expected += lambda * Math.Pow(1 - lambda, n - 1 - i) * loads[i];
                }

                Assert.Equal(expected, actual, 6);
            }

            Assert.Equal(days[^1].Chronic - days[^1].Acute, days[^1].Form, 9);
        }, iter: 200, threads: 1);
    }

    private static void AssertNotLower(ActivityLoad shorter, ActivityLoad longer)
    {
        Assert.True(longer.CardioLoad >= shorter.CardioLoad - Tolerance, $"cardio {shorter.CardioLoad} → {longer.CardioLoad}");
        foreach (var g in MuscleLoad.Groups)
        {
            Assert.True(longer.MuscleLoad[g] >= shorter.MuscleLoad[g] - Tolerance, $"{g} {shorter.MuscleLoad[g]} → {longer.MuscleLoad[g]}");
        }

        Assert.True(longer.RecoveryHours >= shorter.RecoveryHours - Tolerance, $"recovery {shorter.RecoveryHours} → {longer.RecoveryHours}");
    }
}
