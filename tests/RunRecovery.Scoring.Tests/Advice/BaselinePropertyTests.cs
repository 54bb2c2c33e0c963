using CsCheck;
using RunRecovery.Scoring.Load;
using RunRecovery.Scoring.Planning;
using RunRecovery.Scoring.Recommendations;
using RunRecovery.Scoring.Recordings;
using RunRecovery.Scoring.Recovery;
using Xunit;
using K = RunRecovery.Scoring.Recommendations.RecommendationKind;

namespace RunRecovery.Scoring.Tests.Advice;

/// <summary>Issue 14, point 1: honest baselines. A repeated week never looks like a spike; a tripled week does, fast.</summary>
public class BaselinePropertyTests
{
    private static readonly DateTimeOffset Monday = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

    /// <summary>One run of the weekly pattern: day of week, km, speed (m/s), start hour (local).</summary>
    internal sealed record PatternRun(int Day, double Km, double Speed, int Hour);

    internal static readonly Gen<PatternRun[]> Week =
        from days in Gen.Int[0, 6].HashSet[3, 6]
        from runs in Gen.Select(Gen.Double[4, 16], Gen.Double[2.6, 3.6], Gen.Int[6, 19]).Array[days.Count]
        select days.Order().Zip(runs, (d, r) => new PatternRun(d, Math.Round(r.Item1, 1), Math.Round(r.Item2, 2), r.Item3)).ToArray();

    internal static readonly Gen<RunnerProfile> Profile =
        from sex in Gen.OneOf(Sex.Male, Sex.Female, Sex.Unknown)
        from birth in Gen.Int[1960, 2002]
        from weekly in Gen.OneOf(Gen.Const(() => (double?)null), Gen.Double[10, 80].Select(d => (double?)Math.Round(d)))
        from zone in Gen.OneOf("Europe/Berlin", "America/New_York", "Asia/Tokyo", "UTC")
        from experience in Gen.OneOf(ExperienceLevel.Intermediate, ExperienceLevel.Advanced, ExperienceLevel.Beginner)
        select new RunnerProfile { Sex = sex, BirthYear = birth, RestingHeartRateBpm = 55, MaxHeartRateBpm = 185, WeeklyDistanceKm = weekly, TimeZone = zone, Experience = experience };

    /// <summary>The pattern repeated for <paramref name="weeks"/> weeks from <see cref="Monday"/> (local time), each run's
    /// distance times <paramref name="scale"/>(week). Heart rate follows the speed (x = v / 4.3 m/s).</summary>
    internal static List<ActivityLoadInput> Repeat(PatternRun[] week, int weeks, TimeZoneInfo zone, Func<int, double>? scale = null)
    {
        var runs = new List<ActivityLoadInput>();
        for (int w = 0; w < weeks; w++)
        {
            foreach (var run in week)
            {
                double km = run.Km * (scale?.Invoke(w) ?? 1);
                DateOnly date = DateOnly.FromDateTime(Monday.UtcDateTime).AddDays((7 * w) + run.Day);
                var start = LocalTime.ToUtc(date, new TimeOnly(run.Hour, 0), zone);
                runs.Add(new ActivityLoadInput
                {
                    Id = $"w{w:00}-d{run.Day}",
                    Sport = Sport.Running,
                    StartUtc = start,
                    MovingTime = TimeSpan.FromSeconds(Math.Round(km * 1000 / run.Speed)),
                    DistanceMeters = km * 1000,
                    AscentMeters = 20 * km,
                    DescentMeters = 20 * km,
                    AvgHeartRateBpm = (int)Math.Round(55 + (130 * Math.Min(1, run.Speed / 4.3))),
                    AvgCadenceStepsPerMinute = 170,
                });
            }
        }

        return runs;
    }

    [Fact]
    public void A_runner_repeating_the_same_week_for_12_weeks_never_gets_ratio_driven_rest_or_overreaching()
    {
        Gen.Select(Profile, Week).Sample((profile, week) =>
        {
            var zone = LocalTime.Zone(profile);
            var history = LoadHistory.Build(profile, Repeat(week, 12, zone));
            DateOnly first = DateOnly.FromDateTime(Monday.UtcDateTime);
            for (int day = 0; day < 84; day++)
            {
                foreach (int hour in new[] { 5, 12, 21 })
                {
                    var asOf = LocalTime.ToUtc(first.AddDays(day), new TimeOnly(hour, 0), zone);
                    var plan = RecoveryPlanner.Plan(history, RunnerReports.None, asOf);
                    Assert.DoesNotContain(plan.Recommendations, r => r.Kind == K.Rest && r.Trigger is RecommendationTrigger.LoadSpike or RecommendationTrigger.DistanceSpike);
                    Assert.DoesNotContain(plan.Recommendations, r => r.Kind == K.Rest && r.Trigger == RecommendationTrigger.Unaccustomed && day >= 42);
                    Assert.DoesNotContain(plan.Days, d => d.Readiness == Readiness.Overreaching);
                    Assert.All(plan.Days.Where(d => d.Load.BuildingBaseline), d => Assert.Null(d.Load.Ratio));
                }
            }
        }, iter: 25, threads: 1);
    }

    // "Within 36 h" counts from the run that makes the spike real: the first tripled run after which the last 7 days hold
    // at least twice the usual week's distance. (A first tripled run that is still shorter than the usual long run is no
    // spike yet, and resting after it would be the false alarm this issue is about; between 1.3× and 2× the engine
    // suggests easy days, tested in the sweep.) The spike is measured in distance, as the promise says ("tripling the
    // weekly volume") and as the running-injury literature measures progression: when the tripled runs are the slow ones
    // the intensity-weighted load ratio stays near 1.5 and only the distance rule (§7.4, `distance-spike`) gives rest.
    [Fact]
    public void Tripling_the_weekly_volume_gets_rest_within_36_hours()
    {
        Gen.Select(Profile, Week, Gen.Int[5, 8]).Sample((profile, week, steadyWeeks) =>
        {
            var (spike, rest) = RestAfterTripling(profile, week, steadyWeeks);
            Assert.True(rest is not null, $"no rest within 36 h of {spike.Id} ({spike.DistanceMeters / 1000:0.0} km)");
        }, iter: 150, threads: 1);
    }

    // Found at 100,000–300,000 samples before the distance rule: the tripled runs are the slow ones, so the load ratio
    // after the spike (w05-d3: 11 + 15 + 18 = 44 km, exactly twice 22 km) was 1.49 and the engine said "easy" until the
    // 33 km run, about 60 h later.
    [Fact]
    public void Tripled_slow_runs_that_double_the_week_get_distance_rest_the_next_day()
    {
        var profile = new RunnerProfile { Sex = Sex.Male, BirthYear = 1986, RestingHeartRateBpm = 55, MaxHeartRateBpm = 185, TimeZone = "UTC", Experience = ExperienceLevel.Intermediate };
        PatternRun[] week = [new(0, 5, 2.93, 9), new(3, 6, 2.64, 19), new(6, 11, 3.26, 7)];

        var (spike, rest) = RestAfterTripling(profile, week, 5);

        Assert.Equal("w05-d3", spike.Id);
        Assert.NotNull(rest);
        Assert.Equal(RecommendationTrigger.DistanceSpike, rest.Trigger);
        Assert.Equal<DateOnly?>(spike.LocalDate.AddDays(1), rest.Day);
        Assert.Contains(rest.Reasons, r => r.Contains("44.0 km", StringComparison.Ordinal) && r.Contains("(22.0 km)", StringComparison.Ordinal));
    }

    // The stated weekly distance (63 km) is only a seed before 28 days of history (§4.3); after five recorded weeks of
    // 15.8 km, a 32.2 km week is twice the runner's usual week and gets rest.
    [Fact]
    public void A_stated_weekly_distance_does_not_hide_a_doubled_recorded_week()
    {
        var profile = new RunnerProfile { Sex = Sex.Male, BirthYear = 1975, RestingHeartRateBpm = 55, MaxHeartRateBpm = 185, WeeklyDistanceKm = 63, TimeZone = "America/New_York", Experience = ExperienceLevel.Advanced };
        PatternRun[] week = [new(2, 4.2, 2.95, 7), new(4, 4.0, 2.67, 6), new(6, 7.6, 3.47, 15)];

        var (spike, rest) = RestAfterTripling(profile, week, 5);

        Assert.Equal("w05-d4", spike.Id);
        Assert.NotNull(rest);
        Assert.Equal(RecommendationTrigger.DistanceSpike, rest.Trigger);
        Assert.Equal<DateOnly?>(spike.LocalDate.AddDays(1), rest.Day);
    }

    /// <summary>The run that makes the 7 days hold twice the usual week, and the first rest item planned from the first
    /// tripled run until 36 h after that run's end (planned hourly), or null.</summary>
    private static (ActivityLoad Spike, Recommendation? FirstRest) RestAfterTripling(RunnerProfile profile, PatternRun[] week, int steadyWeeks)
    {
        var zone = LocalTime.Zone(profile);
        var runs = Repeat(week, steadyWeeks + 1, zone, w => w == steadyWeeks ? 3 : 1);
        var history = LoadHistory.Build(profile, runs);
        double usualKm = week.Sum(r => r.Km);
        var spike = history.Activities.First(a => a.Id.StartsWith($"w{steadyWeeks:00}", StringComparison.Ordinal)
            && history.Activities.Where(b => b.StartUtc <= a.StartUtc && b.StartUtc > a.StartUtc.AddDays(-7)).Sum(b => b.DistanceMeters) / 1000 >= 2 * usualKm);
        // Rest may come earlier (after an earlier tripled run that was new for the runner): search from the first one.
        var first = history.Activities.First(a => a.Id.StartsWith($"w{steadyWeeks:00}", StringComparison.Ordinal));
        for (var at = first.EndUtc.AddMinutes(15); at <= spike.EndUtc.AddHours(36); at = at.AddHours(1))
        {
            if (RecoveryPlanner.Plan(history, RunnerReports.None, at).Recommendations.FirstOrDefault(r => r.Kind == K.Rest) is { } rest)
            {
                return (spike, rest);
            }
        }

        return (spike, null);
    }
}
