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
                    Assert.DoesNotContain(plan.Recommendations, r => r.Kind == K.Rest && r.Trigger == RecommendationTrigger.LoadSpike);
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
    // suggests easy days, tested in the sweep.)
    [Fact]
    public void Tripling_the_weekly_volume_gets_rest_within_36_hours()
    {
        Gen.Select(Profile, Week, Gen.Int[5, 8]).Sample((profile, week, steadyWeeks) =>
        {
            var zone = LocalTime.Zone(profile);
            var runs = Repeat(week, steadyWeeks + 1, zone, w => w == steadyWeeks ? 3 : 1);
            var history = LoadHistory.Build(profile, runs);
            double usualKm = week.Sum(r => r.Km);
            var spike = history.Activities.First(a => a.Id.StartsWith($"w{steadyWeeks:00}", StringComparison.Ordinal)
                && history.Activities.Where(b => b.StartUtc <= a.StartUtc && b.StartUtc > a.StartUtc.AddDays(-7)).Sum(b => b.DistanceMeters) / 1000 >= 2 * usualKm);
            // Rest may come earlier (after an earlier tripled run that was new for the runner): search from the first one.
            var first = history.Activities.First(a => a.Id.StartsWith($"w{steadyWeeks:00}", StringComparison.Ordinal));
            bool rest = false;
            for (var at = first.EndUtc.AddMinutes(15); at <= spike.EndUtc.AddHours(36) && !rest; at = at.AddHours(1))
            {
                rest = RecoveryPlanner.Plan(history, RunnerReports.None, at).Recommendations.Any(r => r.Kind == K.Rest);
            }

            Assert.True(rest, $"no rest within 36 h of {spike.Id} ({spike.DistanceMeters / 1000:0.0} km)");
        }, iter: 150, threads: 1);
    }
}
