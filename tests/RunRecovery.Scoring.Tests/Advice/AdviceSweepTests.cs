using RunRecovery.Scoring.Planning;
using RunRecovery.Scoring.Recommendations;
using RunRecovery.Scoring.Recovery;
using Xunit;
using K = RunRecovery.Scoring.Recommendations.RecommendationKind;

namespace RunRecovery.Scoring.Tests.Advice;

/// <summary>
/// Issue 14's bar: plan every 6 hours over 6 weeks for five runner types and check the invariants on every plan and
/// between consecutive plans of the same day.
/// </summary>
public class AdviceSweepTests
{
    private static readonly string[] Diagnoses = ["tendin", "fractur", "shin splint", "fasciitis", "you have", "syndrome", "tear", "sprain", "thrombosis", "dvt"];

    public static TheoryData<string> Names => [.. SweepRunner.All.Select(r => r.Name)];

    [Theory]
    [MemberData(nameof(Names))]
    public void Plans_every_6_hours_for_6_weeks_keep_the_invariants(string name)
    {
        var runner = SweepRunner.All.Single(r => r.Name == name);
        var zone = LocalTime.Zone(runner.Profile);
        var history = LoadHistory.Build(runner.Profile, runner.Runs);
        var qualityDays = new SortedSet<DateOnly>();
        var seen = new List<Recommendation>();
        RecoveryPlan? previous = null;
        RunnerReports? previousReports = null;
        for (int step = 0; step < 6 * 7 * 4; step++)
        {
            DateOnly date = SweepRunner.FirstDay.AddDays(step / 4);
            var asOf = LocalTime.ToUtc(date, new TimeOnly(step % 4 * 6, 0), zone).AddMinutes(30);
            DateOnly today = LocalTime.Date(asOf, zone);
            var reports = Known(runner, asOf, zone);
            var plan = RecoveryPlanner.Plan(history, reports, asOf);
            string where = $"{name} at {asOf:yyyy-MM-dd HH:mm}Z";

            EveryPlan(runner, plan, reports, today, zone, where);
            seen.AddRange(plan.Recommendations);
            if (name == "injured" && today > SweepRunner.FirstDay.AddDays(20) && today < SweepRunner.FirstDay.AddDays(33))
            {
                Assert.DoesNotContain(plan.Recommendations, r => r.Kind == K.SeeProfessional); // the calf was reported fine on day 20
            }
            foreach (var q in plan.Recommendations.Where(r => r.Kind == K.Quality))
            {
                qualityDays.Add(q.Day!.Value);
            }

            if (previous is not null && LocalTime.Date(previous.AsOfUtc, zone) == today)
            {
                TodaysItemsAreKept(previous, plan, previousReports!, reports, today, zone, where);
            }

            previous = plan;
            previousReports = reports;
        }

        // At most two quality days in any 7, never on consecutive days, none for the beginner.
        foreach (var day in qualityDays)
        {
            Assert.True(qualityDays.Count(d => d > day.AddDays(-7) && d <= day) <= 2, $"{name}: three quality days in the week to {day}");
            Assert.DoesNotContain(day.AddDays(1), qualityDays);
        }

        // The sweep is not vacuous: each runner meets what it was built for.
        Assert.Contains(seen, r => r.Kind == K.Massage);
        switch (name)
        {
            case "beginner":
                Assert.Empty(qualityDays);
                break;
            case "steady":
                Assert.True(qualityDays.Count >= 4, $"steady: {qualityDays.Count} quality days in weeks 5–6");
                break;
            case "building":
                Assert.DoesNotContain(seen, r => r.Trigger is RecommendationTrigger.LoadSpike or RecommendationTrigger.DistanceSpike && r.Kind == K.Rest);
                break;
            case "spiking":
                Assert.Contains(seen, r => r.Kind == K.Rest);
                break;
            case "injured":
                Assert.Contains(seen, r => r.Kind == K.SeeProfessional && r.Question is not null && r.Question.Contains("calves", StringComparison.Ordinal));
                Assert.Contains(seen, r => r.Kind == K.Easy && r.Trigger == RecommendationTrigger.MorningCheckin);
                Assert.Contains(seen, r => r.Kind == K.Rest && r.Trigger == RecommendationTrigger.Soreness);
                break;
        }
    }

    // Tue 6, Thu 6, Sun 10 km, then every run tripled. After Tuesday's 18 km the week is 1.5× the usual (easy days);
    // Thursday's 18 km doubles it: rest must come within 36 h of that run, and the reasons give the true figures.
    [Fact]
    public void The_spiking_runner_gets_rest_within_36_hours_of_the_week_doubling()
    {
        var runner = SweepRunner.All.Single(r => r.Name == "spiking");
        var history = LoadHistory.Build(runner.Profile, runner.Runs);
        var doubling = history.Activities.Single(a => a.Id == "sp-4-3");
        var tuesday = history.Activities.Single(a => a.Id == "sp-4-1");
        var plans = Enumerable.Range(0, 37).Select(k => RecoveryPlanner.Plan(history, RunnerReports.None, doubling.EndUtc.AddHours(0.5 + k))).ToList();

        var rest = plans.SelectMany(p => p.Recommendations).First(r => r.Kind == K.Rest);
        Assert.Contains(rest.Reasons, s => s.Contains("km and", StringComparison.Ordinal) && s.Contains("a week over the last four", StringComparison.Ordinal));
        var afterTuesday = RecoveryPlanner.Plan(history, RunnerReports.None, tuesday.EndUtc.AddHours(2));
        Assert.Contains(afterTuesday.Recommendations, r => r.Kind == K.Easy);
    }

    internal static RunnerReports Known(SweepRunner runner, DateTimeOffset asOf, TimeZoneInfo zone) => new()
    {
        Checkins = [.. runner.Checkins.Where(c => LocalTime.ToUtc(c.Date, new TimeOnly(8, 0), zone) <= asOf)],
        Mornings = [.. runner.Mornings.Where(m => LocalTime.ToUtc(m.Date, new TimeOnly(8, 0), zone) <= asOf)],
    };

    private static void EveryPlan(SweepRunner runner, RecoveryPlan plan, RunnerReports reports, DateOnly today, TimeZoneInfo zone, string where)
    {
        var items = plan.Recommendations;
        var safety = SafetyRules.State(reports.Checkins, today);

        // ≤ 4 open items a day, at most one hydration item a day, never rest and quality on the same day.
        foreach (var day in items.GroupBy(r => RecommendationEngine.DayOf(r, zone, today)))
        {
            Assert.True(day.Count() <= RecommendationEngine.MaxItemsPerDay, $"{where}: {day.Count()} items on {day.Key}");
            Assert.True(day.Count(r => r.Kind == K.Hydration) <= 1, $"{where}: two hydration items on {day.Key}");
        }

        foreach (var day in items.Where(r => r.Day is not null).GroupBy(r => r.Day))
        {
            Assert.False(day.Any(r => r.Kind == K.Rest) && day.Any(r => r.SuggestsIntensity), $"{where}: rest and quality on {day.Key}");
        }

        // One massage session per run: a run is in at most one post-run session.
        var covered = items.Where(r => r.Id.StartsWith("massage:post:", StringComparison.Ordinal)).SelectMany(r => r.ActivityIds).ToList();
        Assert.Equal(covered.Count, covered.Distinct().Count());
        foreach (var session in items.Where(r => r.Kind == K.Massage))
        {
            Assert.True(session.DurationMinutes >= 5, $"{where}: {session.Id} {session.DurationMinutes} min");
            // Pain is never massaged or stretched.
            Assert.DoesNotContain(session.Steps, x => safety.Flags.ContainsKey(x.BodyPart) || safety.Painful.Contains(x.BodyPart));
        }

        // Pain is never lost: every flagged part has a see-professional item, and no intensity while one exists.
        foreach (var part in safety.Flags.Keys)
        {
            Assert.Contains(items, r => r.Kind == K.SeeProfessional && r.BodyParts.Contains(part));
        }

        if (safety.Flags.Count > 0 || safety.Painful.Count > 0)
        {
            Assert.DoesNotContain(items, r => r.SuggestsIntensity);
        }

        // Honest baselines: no ratio before 28 days; the steady runner never gets rest or "overreaching".
        Assert.All(plan.Days.Where(d => d.Load.BuildingBaseline), d => Assert.Null(d.Load.Ratio));
        Assert.DoesNotContain(items, r => r.Trigger is RecommendationTrigger.LoadSpike or RecommendationTrigger.DistanceSpike && plan.Days[^1].Load.BuildingBaseline);
        if (runner.Name == "steady")
        {
            Assert.DoesNotContain(items, r => r.Kind == K.Rest);
            Assert.DoesNotContain(plan.Days, d => d.Readiness == Readiness.Overreaching);
        }

        foreach (var r in items)
        {
            Assert.NotEmpty(r.Reasons);
            string text = string.Join(' ', r.Reasons.Append(r.Technique ?? "").Concat(r.Steps.Select(x => x.Technique))).ToLowerInvariant();
            Assert.DoesNotContain(Diagnoses, text.Contains);
        }
    }

    /// <summary>Re-planning the same day keeps today's items (same id) unless a new check-in arrived in between.</summary>
    private static void TodaysItemsAreKept(RecoveryPlan earlier, RecoveryPlan later, RunnerReports before, RunnerReports after, DateOnly today,
        TimeZoneInfo zone, string where)
    {
        bool newReport = after.Checkins.Count != before.Checkins.Count || after.Mornings.Count != before.Mornings.Count;
        var now = later.Recommendations.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var item in earlier.Recommendations.Where(r => RecommendationEngine.DayOf(r, zone, today) == today && r.ExpiresUtc > later.AsOfUtc))
        {
            if (newReport && item.Kind is K.Rest or K.Easy or K.Quality or K.SeeProfessional or K.Massage)
            {
                continue; // a new report may change today's advice; the service records why (issue 14, point 3)
            }

            Assert.True(now.Contains(item.Id), $"{where}: today's {item.Id} vanished");
        }
    }
}
