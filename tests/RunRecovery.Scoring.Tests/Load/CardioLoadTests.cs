using RunRecovery.Scoring.Load;
using RunRecovery.Scoring.Planning;
using RunRecovery.Scoring.Recordings;
using RunRecovery.Scoring.Tests.Scenarios;
using Xunit;

namespace RunRecovery.Scoring.Tests.Load;

public class CardioLoadTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 6, 0, 0, TimeSpan.Zero);
    private static readonly RunnerProfile Runner = new() { Sex = Sex.Male, MaxHeartRateBpm = 190, RestingHeartRateBpm = 60, WeeklyDistanceKm = 40 };

    // docs/recovery-model.md §2.2 example: no history and no heart rate; 10 km flat at 3.0 m/s (55.56 min). The median
    // run is read as easy, x = 0.70, so the reference speed is 3.0 / 0.7 = 4.2857 m/s (threshold 0.9 × that = 3.857);
    // TRIMP = 55.56 × 0.7 × 0.64 × e^(1.92 × 0.7) = 55.56 × 1.71790 = 95.4 (male weighting).
    [Fact]
    public void Pace_load_without_any_heart_rate_reads_the_median_run_as_easy()
    {
        var run = new SyntheticRun("p", Start).Flat(10, 3.0).NoHeartRate().Build();

        var load = LoadHistory.Build(Runner, [run]).Activities[0];

        Assert.Equal(CardioMethod.Pace, load.CardioMethod);
        Assert.Equal(3.0 / 0.7 * 0.9, load.ThresholdSpeed, 2); // the file rounds the moving time to whole seconds
        Assert.Equal(95.4, load.CardioLoad, 1);
    }

    // Issue 14: a runner who never wears a strap. The same eight weeks built twice, with and without heart rate; the
    // heart rate follows the runner's physiology (x = speed / 4.4 m/s, %HRR ≈ %VO2R, Swain 1997). Before issue 14 an
    // easy run without HR scored about 70 % higher than with it (IF² against the experience floor of 3.2 m/s).
    [Fact]
    public void Runs_without_heart_rate_score_within_15_percent_of_the_same_runs_with_heart_rate()
    {
        static int Hr(double speed) => (int)Math.Round(60 + (130 * Math.Min(1, speed / 4.4)));
        List<ActivityLoadInput> Build(bool heartRate)
        {
            var runs = new List<ActivityLoadInput>();
            for (int week = 0; week < 8; week++)
            {
                var monday = Start.AddDays(7 * week);
                foreach (var (day, run) in new (int, SyntheticRun)[]
                {
                    (1, new SyntheticRun($"e{week}a", monday.AddDays(1)).Flat(8, 3.0, Hr(3.0))),
                    (3, new SyntheticRun($"t{week}", monday.AddDays(3)).Flat(2, 3.0, Hr(3.0)).Flat(5, 3.8, Hr(3.8)).Flat(2, 3.0, Hr(3.0))),
                    (4, new SyntheticRun($"e{week}b", monday.AddDays(4)).Flat(6, 3.1, Hr(3.1))),
                    (6, new SyntheticRun($"l{week}", monday.AddDays(6)).Flat(16, 2.9, Hr(2.9))),
                })
                {
                    runs.Add((heartRate ? run : run.NoHeartRate()).SampleEvery(30).Build());
                }
            }

            return runs;
        }

        var withHr = LoadHistory.Build(Runner, Build(true)).Activities;
        var withoutHr = LoadHistory.Build(Runner, Build(false)).Activities;

        Assert.All(withoutHr, a => Assert.Equal(CardioMethod.Pace, a.CardioMethod));
        var ratios = withHr.Zip(withoutHr, (h, p) => (h.Id, Ratio: p.CardioLoad / h.CardioLoad)).ToList();
        Assert.All(ratios, r => Assert.InRange(r.Ratio, 0.85, 1.15));
    }

    [Fact]
    public void Pace_estimate_agrees_with_trimp_on_runs_that_have_both()
    {
        // Eight weeks of runs with HR at two intensities, then the same kinds of runs without HR.
        var inputs = new List<ActivityLoadInput>();
        for (int i = 0; i < 24; i++)
        {
            bool tempo = i % 3 == 2;
            inputs.Add(new SyntheticRun($"hr{i:00}", Start.AddDays(i * 2.3))
                .Flat(tempo ? 8 : 10, tempo ? 3.6 : 3.0, tempo ? 168 : 145).Build());
        }

        var easyNoHr = new SyntheticRun("easy-no-hr", Start.AddDays(60)).Flat(10, 3.0).NoHeartRate().Build();
        var easyHr = new SyntheticRun("easy-hr", Start.AddDays(60)).Flat(10, 3.0, 145).Build();

        var withoutHr = LoadHistory.Build(Runner, [.. inputs, easyNoHr]).Activities[^1];
        var withHr = LoadHistory.Build(Runner, [.. inputs, easyHr]).Activities[^1];

        Assert.Equal(CardioMethod.Pace, withoutHr.CardioMethod);
        Assert.Equal(CardioMethod.HeartRateSamples, withHr.CardioMethod);
        // The reference speed is the median of speed / HR-reserve of recent runs with both; an easy run agrees within 15 %.
        Assert.InRange(withoutHr.CardioLoad / withHr.CardioLoad, 0.85, 1.15);
    }

    [Fact]
    public void Heart_rate_average_is_used_when_there_are_no_samples()
    {
        var input = new ActivityLoadInput
        {
            Id = "avg",
            Sport = Sport.Running,
            StartUtc = Start,
            MovingTime = TimeSpan.FromMinutes(60),
            DistanceMeters = 10_000,
            AvgHeartRateBpm = 177, // x = 0.9 with 60/190
        };

        var load = LoadHistory.Build(Runner, [input]).Activities[0];

        Assert.Equal(CardioMethod.HeartRateAverage, load.CardioMethod);
        Assert.Equal(194.6, load.CardioLoad, 1);
    }

    // A ride with HR counts fully to cardio (TRIMP) and not at all to running muscles.
    [Fact]
    public void A_ride_counts_to_cardio_only()
    {
        var ride = new SyntheticRun("ride", Start, Sport.Cycling).Flat(60, 8.0, 140).Build();

        var load = LoadHistory.Build(Runner, [ride]).Activities[0];

        Assert.True(load.CardioLoad > 100);
        Assert.Equal(MuscleLoad.Zero, load.MuscleLoad);
    }

    [Fact]
    public void Without_heart_rate_or_distance_the_duration_default_applies()
    {
        var swim = new ActivityLoadInput { Id = "swim", Sport = Sport.Swimming, StartUtc = Start, MovingTime = TimeSpan.FromMinutes(60) };

        var load = LoadHistory.Build(Runner, [swim]).Activities[0];

        // 60 min at x = 0.6 with male weighting: 60 × 0.6 × 0.64 × e^(1.152) = 72.9 (docs §2.3).
        Assert.Equal(CardioMethod.Duration, load.CardioMethod);
        Assert.Equal(72.9, load.CardioLoad, 1);
    }
}
