using RunRecovery.Scoring.Load;
using RunRecovery.Scoring.Planning;
using RunRecovery.Scoring.Recordings;
using RunRecovery.Scoring.Tests.Scenarios;
using Xunit;

namespace RunRecovery.Scoring.Tests.Load;

/// <summary>Issue 19 point 4: one plausible but wrong file never dominates the load (docs/recovery-model.md §2.5).</summary>
public class ActivityLoadCapTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 6, 0, 0, TimeSpan.Zero);
    private static readonly RunnerProfile Runner = new() { Sex = Sex.Male, MaxHeartRateBpm = 190, RestingHeartRateBpm = 60, WeeklyDistanceKm = 40 };

    /// <summary>Three weeks of hour-long easy runs every other day, the longest a 2-hour run each Sunday.</summary>
    private static List<ActivityLoadInput> History()
    {
        var runs = new List<ActivityLoadInput>();
        for (int day = 0; day < 21; day += 2)
        {
            double km = day % 7 == 6 ? 20 : 10;
            runs.Add(new SyntheticRun($"h{day}", Start.AddDays(day)).Flat(km, 2.8, 140).SampleEvery(30).Build());
        }

        return runs;
    }

    [Fact]
    public void A_three_day_recording_counts_no_more_than_three_times_the_largest_session_of_the_last_six_weeks()
    {
        List<ActivityLoadInput> runs = History();
        // A watch left recording for three days at a walking pace with a raised heart rate: plausible, and wrong.
        runs.Add(new SyntheticRun("left-on", Start.AddDays(22)).Flat(130, 0.5, 125).SampleEvery(30).Build());

        LoadHistory history = LoadHistory.Build(Runner, runs);
        ActivityLoad bad = history.Activities[^1];
        double largest = history.Activities.SkipLast(1).Max(a => a.CardioLoad);

        Assert.NotNull(bad.CardioLoadBeforeCap);
        Assert.True(bad.CardioLoadBeforeCap > 10 * largest, $"uncapped {bad.CardioLoadBeforeCap}, largest earlier {largest}");
        Assert.Equal(Math.Max(3 * largest, 3 * Trimp.OneHourAtThreshold(Sex.Male)), bad.CardioLoad, 6);
        Assert.All(history.Activities.SkipLast(1), a => Assert.Null(a.CardioLoadBeforeCap));

        // Its day's load is the capped figure, so the acute load moves by what one big session moves it by.
        DayLoad day = history.Days.Single(d => d.Date == bad.LocalDate);
        Assert.Equal(bad.CardioLoad, day.Load, 6);
        double before = history.Days.Single(d => d.Date == bad.LocalDate.AddDays(-1)).Acute;
        double uncappedAcute = LoadSeries.Ewma(before, bad.CardioLoadBeforeCap!.Value, LoadSeries.AcuteLambda);
        Assert.Equal(LoadSeries.Ewma(before, bad.CardioLoad, LoadSeries.AcuteLambda), day.Acute, 6);
        Assert.True(day.Acute < uncappedAcute / 4, $"acute {day.Acute} against {uncappedAcute} uncapped");
    }

    [Fact]
    public void A_first_marathon_after_two_hour_long_runs_counts_in_full()
    {
        List<ActivityLoadInput> runs = History();
        runs.Add(new SyntheticRun("marathon", Start.AddDays(22)).Flat(42.2, 3.2, 160).SampleEvery(30).Build());

        ActivityLoad marathon = LoadHistory.Build(Runner, runs).Activities[^1];

        Assert.Null(marathon.CardioLoadBeforeCap);
    }

    [Fact]
    public void A_runners_first_activity_counts_in_full_up_to_three_hours_at_threshold()
    {
        ActivityLoadInput longRun = new SyntheticRun("first", Start).Flat(25, 2.9, 150).SampleEvery(30).Build();

        ActivityLoad load = LoadHistory.Build(Runner, [longRun]).Activities[0];

        Assert.Null(load.CardioLoadBeforeCap);
        Assert.True(load.CardioLoad < ActivityLoadCap.FloorHours * Trimp.OneHourAtThreshold(Sex.Male));
    }
}
