using RunRecovery.Scoring.Load;
using RunRecovery.Scoring.Planning;
using RunRecovery.Scoring.Tests.Scenarios;
using Xunit;

namespace RunRecovery.Scoring.Tests.Load;

public class LoadHistoryTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 6, 30, 0, TimeSpan.Zero);
    private static readonly RunnerProfile Runner = new() { Sex = Sex.Female, BirthYear = 1990, WeeklyDistanceKm = 30, TimeZone = "Europe/Berlin" };

    private static List<ActivityLoadInput> Runs(int count) =>
        [.. Enumerable.Range(0, count).Select(i => new SyntheticRun($"r{i:000}", Start.AddDays(i * 1.5))
            .Flat(6 + (i % 4 * 2), 2.9 + (i % 3 * 0.2), 140 + (i % 5 * 6)).Hill(60 + (i % 2 * 80), 0.08, 3.0).Hill(-(60 + (i % 2 * 80)), 0.08, 3.2)
            .SampleEvery(30).Build())];

    [Fact]
    public void Adding_activities_one_by_one_equals_building_from_scratch()
    {
        var runs = Runs(30);
        var scratch = LoadHistory.Build(Runner, runs);

        var incremental = LoadHistory.Empty(Runner);
        foreach (var run in runs)
        {
            incremental = incremental.With(run);
        }

        Assert.Equal(scratch.Activities, incremental.Activities);
        Assert.Equal(scratch.Days, incremental.Days);
    }

    [Fact]
    public void Uploading_an_older_run_recomputes_from_its_date_forward()
    {
        var runs = Runs(30);
        var older = runs[25]; // day 37: after the first 28 days, so the seed stays
        var withoutOlder = LoadHistory.Build(Runner, runs.Where(r => r != older));

        var afterUpload = withoutOlder.With(older);
        var scratch = LoadHistory.Build(Runner, runs);

        Assert.Equal(scratch.Activities, afterUpload.Activities);
        Assert.Equal(scratch.Days, afterUpload.Days);
        // Days before the older run are untouched, later days change.
        int olderDay = afterUpload.Days.ToList().FindIndex(d => d.Date == afterUpload.Activities[25].LocalDate);
        Assert.Equal(withoutOlder.Days.Take(olderDay), afterUpload.Days.Take(olderDay));
        Assert.NotEqual(withoutOlder.Days[^1], afterUpload.Days[^1]);
    }

    // A run inside the first 28 days changes the seed (docs §4.3): every day changes, still equal to a rebuild.
    [Fact]
    public void Uploading_a_run_inside_the_first_four_weeks_changes_the_seed_and_every_day()
    {
        var runs = Runs(30);
        var older = runs[10];
        var withoutOlder = LoadHistory.Build(Runner, runs.Where(r => r != older));

        var afterUpload = withoutOlder.With(older);

        Assert.NotEqual(withoutOlder.SeedDailyLoad, afterUpload.SeedDailyLoad);
        Assert.Equal(LoadHistory.Build(Runner, runs).Days, afterUpload.Days);
        Assert.NotEqual(withoutOlder.Days[0], afterUpload.Days[0]);
    }

    [Fact]
    public void Replacing_an_activity_with_the_same_id_keeps_one_copy()
    {
        var runs = Runs(10);
        var history = LoadHistory.Build(Runner, runs);
        var moved = runs[3] with { StartUtc = runs[3].StartUtc.AddDays(5) };

        var replaced = history.With(moved);

        Assert.Equal(10, replaced.Activities.Count);
        Assert.Equal(LoadHistory.Build(Runner, [.. runs.Where(r => r.Id != moved.Id), moved]).Days, replaced.Days);
    }

    [Fact]
    public void Same_inputs_give_the_same_plan()
    {
        var runs = Runs(20);
        var asOf = runs[^1].EndUtc.AddHours(1);
        var shuffled = runs.OrderBy(r => r.Id.GetHashCode(StringComparison.Ordinal)).ToList();

        var a = RecoveryPlanner.Plan(Runner, runs, [], [], asOf);
        var b = RecoveryPlanner.Plan(Runner, shuffled, [], [], asOf);

        Assert.Equal(PlanJson.Write(PlanDocument.From(a)), PlanJson.Write(PlanDocument.From(b)));
    }

    [Fact]
    public void Days_are_local_dates_in_the_runner_time_zone()
    {
        // 23:30 UTC on 5 January is 00:30 on 6 January in Berlin.
        var late = new SyntheticRun("late", new DateTimeOffset(2026, 1, 5, 23, 30, 0, TimeSpan.Zero)).Flat(5, 3.0).Build();

        var history = LoadHistory.Build(Runner, [late]);

        Assert.Equal(new DateOnly(2026, 1, 6), history.Activities[0].LocalDate);
        Assert.Equal(new DateOnly(2026, 1, 6), history.Days[0].Date);
    }
}
