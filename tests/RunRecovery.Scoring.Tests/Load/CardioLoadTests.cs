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

    // docs/recovery-model.md §2.2 example: no history, intermediate floor 3.2 m/s; 10 km flat at 3.0 m/s without HR:
    // IF = 3.0 / 3.2 = 0.9375, hours 0.9259 → 0.8138 pace units; default calibration TRIMP(1 h, x 0.9, male) = 194.55
    // → cardio load 158.3.
    [Fact]
    public void Pace_load_without_history_uses_the_default_calibration()
    {
        var run = new SyntheticRun("p", Start).Flat(10, 3.0).NoHeartRate().Build();

        var load = LoadHistory.Build(Runner, [run]).Activities[0];

        Assert.Equal(CardioMethod.Pace, load.CardioMethod);
        Assert.Equal(3.2, load.ThresholdSpeed, 6);
        Assert.Equal(0.8138, load.PaceUnits, 3);
        Assert.Equal(158.3, load.CardioLoad, 1);
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
        // Calibration is the median TRIMP per pace unit of recent runs with both; an easy run agrees within 20 %.
        Assert.InRange(withoutHr.CardioLoad / withHr.CardioLoad, 0.8, 1.2);
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
