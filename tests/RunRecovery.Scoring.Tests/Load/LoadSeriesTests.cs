using RunRecovery.Scoring.Load;
using Xunit;

namespace RunRecovery.Scoring.Tests.Load;

public class LoadSeriesTests
{
    // docs/recovery-model.md §4.4 worked example: λa = 1 − e^(−1/7) = 0.133122, λc = 1 − e^(−1/42) = 0.023528
    // (research §1.4 quotes the same gains for intervals.icu); seed 50 for both, then loads 150, 0, 0.
    [Theory]
    [InlineData(0, 63.3122, 52.3528, 1.2093, -10.9594)]
    [InlineData(1, 54.8840, 51.1211, 1.0736, -3.7629)]
    [InlineData(2, 47.5777, 49.9183, 0.9531, 2.3406)]
    public void Ewma_ratio_and_form_match_the_worked_example(int day, double acute, double chronic, double ratio, double form)
    {
        var days = new DayLoad[3];
        double[] loads = [150, 0, 0];
        for (int i = 0; i < 3; i++)
        {
            days[i] = new DayLoad(new DateOnly(2026, 5, 1).AddDays(i), loads[i], 0, 0, null, 0, 0, 0);
        }

        LoadSeries.Fill(days, 0, 50);

        Assert.Equal(acute, days[day].Acute, 4);
        Assert.Equal(chronic, days[day].Chronic, 4);
        Assert.Equal(ratio, LoadSeries.Ratio(days[day].Acute, days[day].Chronic)!.Value, 4);
        Assert.Equal(form, days[day].Form, 4);
        Assert.Null(days[day].Ratio); // day 1–3 of history: the ratio is not shown before 28 days (§4.3)
        Assert.Equal(day + 1, days[day].HistoryDays);
    }

    // Issue 14: no ratio before 28 days of history; from day 28 on it is shown, and a repeated week compares as 1.00.
    [Fact]
    public void The_ratio_appears_after_28_days_and_a_repeated_week_equals_its_four_week_average()
    {
        double[] week = [0, 60, 0, 80, 0, 50, 150];
        var days = Enumerable.Range(0, 70).Select(i => new DayLoad(new DateOnly(2026, 1, 5).AddDays(i), week[i % 7], 0, 0, null, 0, 0, 0)).ToArray();

        LoadSeries.Fill(days, 0, 340.0 / 7);

        Assert.All(days.Take(27), d => Assert.Null(d.Ratio));
        Assert.All(days.Take(27), d => Assert.Null(d.WeekRatio));
        Assert.All(days.Skip(27), d => Assert.NotNull(d.Ratio));
        Assert.All(days.Skip(27), d => Assert.Equal(1.0, d.WeekRatio!.Value, 9));
        Assert.Equal(340, days[40].WeekLoad, 9);
        Assert.Equal(4 * 340, days[40].FourWeekLoad, 9);
    }

    [Fact]
    public void Lambdas_are_the_continuous_decay_form()
    {
        Assert.Equal(0.133122, LoadSeries.AcuteLambda, 6);
        Assert.Equal(0.023528, LoadSeries.ChronicLambda, 6);
    }

    // docs/recovery-model.md §4.5: loads 60,0,60,0,60,0,120 → mean 42.857, population SD 41.991,
    // monotony 1.0206, strain 300 × 1.0206 = 306.19 (Foster 1998 as implemented by Runalyze, research §1.5).
    [Fact]
    public void Monotony_and_strain_match_the_worked_example()
    {
        (double monotony, double strain) = LoadSeries.Foster([60, 0, 60, 0, 60, 0, 120]);

        Assert.Equal(1.0206, monotony, 4);
        Assert.Equal(306.19, strain, 2);
    }

    [Theory]
    [InlineData(new double[] { 50, 50, 50, 50, 50, 50, 50 }, 10.0)]
    [InlineData(new double[] { 0, 0, 0, 0, 0, 0, 0 }, 0.0)]
    public void Monotony_is_capped_at_10_and_zero_without_load(double[] week, double expected)
    {
        Assert.Equal(expected, LoadSeries.Foster(week).Monotony, 6);
    }

    [Fact]
    public void Ratio_is_withheld_while_chronic_load_is_small()
    {
        Assert.Null(LoadSeries.Ratio(30, 9.99));
        Assert.Equal(1.5, LoadSeries.Ratio(15, 10)!.Value, 9);
    }

    // Seed from history (docs §4.3): the mean daily load of the first 28 days once the history reaches 28 days.
    [Fact]
    public void Seed_comes_from_the_first_four_weeks_of_history_when_it_reaches_that_far()
    {
        var activities = Enumerable.Range(0, 10).Select(i => new ActivityLoad
        {
            Id = $"a{i}",
            Sport = RunRecovery.Scoring.Recordings.Sport.Running,
            StartUtc = new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero).AddDays(i * 3),
            EndUtc = new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero).AddDays(i * 3),
            MovingTime = TimeSpan.FromHours(1),
            DistanceMeters = 10_000,
            LocalDate = new DateOnly(2026, 1, 5).AddDays(i * 3),
            CardioLoad = 100,
            CardioMethod = CardioMethod.HeartRateSamples,
            HeartRate = default,
            ConcentricLoad = MuscleLoad.Zero,
            EccentricLoad = MuscleLoad.Zero,
            RawMuscleLoad = MuscleLoad.Zero,
            Novelty = MuscleLoad.Zero,
            Protection = MuscleLoad.Zero,
            MuscleLoad = MuscleLoad.Zero,
            DescentMeters = 0,
            RecoveryHours = 20,
        }).Select(LoadTrace.Of).ToArray();

        // Days 0, 3, …, 27 are inside the first 28 days: 10 runs of 100 → 1000 / 28.
        Assert.Equal(1000.0 / 28, LoadSeries.Seed(activities, 40), 9);
        // Nine runs reach day 24 only: the profile's weekly distance seeds instead, and without it nothing.
        Assert.Equal(LoadSeries.SeedDailyLoad(40), LoadSeries.Seed(activities.AsSpan(0, 9), 40), 9);
        Assert.Equal(0, LoadSeries.Seed(activities.AsSpan(0, 9), null));
    }

    // Seed: 40 km/week × 8.7 TRIMP/km / 7 = 49.714 per day (docs §4.3).
    [Fact]
    public void Seed_comes_from_the_weekly_distance()
    {
        Assert.Equal(49.714, LoadSeries.SeedDailyLoad(40), 3);
        Assert.Equal(0, LoadSeries.SeedDailyLoad(null));
    }
}
