using RunRecovery.Scoring.Planning;
using RunRecovery.Scoring.Recommendations;
using Xunit;
using K = RunRecovery.Scoring.Recommendations.RecommendationKind;

namespace RunRecovery.Scoring.Tests.Scenarios;

public class ScenarioTests
{
    public static TheoryData<string> Names => [.. ScenarioTable.All.Select(s => s.Name)];

    [Fact]
    public void The_table_has_at_least_twelve_runners()
    {
        Assert.True(ScenarioTable.All.Count >= 12);
        Assert.Equal(ScenarioTable.All.Count, ScenarioTable.All.Select(s => s.Name).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Runner_gets_the_expected_recommendations(string name)
    {
        var s = ScenarioTable.All.Single(x => x.Name == name);

        var plan = RecoveryPlanner.Plan(s.Profile, s.Activities, s.Checkins, s.Feedback, s.AsOfUtc);

        // Stretching is now the last steps of a massage session (issue 14): "stretch" in the table means such steps.
        var kinds = plan.Recommendations.Select(r => r.Kind)
            .Concat(plan.Recommendations.SelectMany(r => r.Steps).Where(x => x.Action == StepAction.Stretch).Select(_ => K.Stretch))
            .Distinct().Order().ToList();
        string summary = Describe(plan);
        foreach (var kind in s.Required)
        {
            Assert.True(kinds.Contains(kind), $"{name}: missing {kind}\n{summary}");
        }

        foreach (var kind in s.Forbidden)
        {
            Assert.False(kinds.Contains(kind), $"{name}: unexpected {kind}\n{summary}");
        }

        if (s.RequiredAnyOf.Length > 0)
        {
            Assert.True(s.RequiredAnyOf.Any(kinds.Contains), $"{name}: none of {string.Join(", ", s.RequiredAnyOf)}\n{summary}");
        }

        var massage = plan.Recommendations.Where(r => r.Kind == RecommendationKind.Massage).ToList();
        var postRun = massage.Where(r => r.Id.StartsWith("massage:post:", StringComparison.Ordinal)).ToList();
        if (s.FirstMassagePart is { } first)
        {
            Assert.True(postRun.Count > 0 && postRun[0].Steps[0].BodyPart == first, $"{name}: first massage part should be {first}\n{summary}");
        }

        var parts = massage.SelectMany(r => r.Steps).Where(x => x.Action == StepAction.Massage).Select(x => x.BodyPart).ToHashSet();
        foreach (var part in s.MassageIncludes)
        {
            Assert.True(parts.Contains(part), $"{name}: no massage for {part}\n{summary}");
        }

        foreach (var part in s.MassageExcludes)
        {
            Assert.False(massage.SelectMany(r => r.Steps).Any(x => x.BodyPart == part), $"{name}: massage or stretch for {part}\n{summary}");
        }

        // Rules that hold for every runner: one session per run, ≥ 5 minutes, massage steps before stretches, steps
        // of at least 2 minutes, at most one hydration item and four items per day.
        Assert.All(massage, r =>
        {
            Assert.True(r.DurationMinutes >= 5 && r.DurationMinutes == r.Steps.Sum(x => x.Minutes), $"{name}: {r.Id} {r.DurationMinutes} min\n{summary}");
            Assert.Equal(r.Steps.OrderBy(x => x.Action == StepAction.Stretch ? 1 : 0), r.Steps);
            Assert.All(r.Steps, x => Assert.True(x.Minutes >= 2, $"{name}: {x}"));
        });
        Assert.Equal(postRun.SelectMany(r => r.ActivityIds).Count(), postRun.SelectMany(r => r.ActivityIds).Distinct().Count());
        var zone = LocalTime.Zone(s.Profile);
        var today = LocalTime.Date(s.AsOfUtc, zone);
        foreach (var day in plan.Recommendations.GroupBy(r => RecommendationEngine.DayOf(r, zone, today)))
        {
            Assert.True(day.Count() <= RecommendationEngine.MaxItemsPerDay, $"{name}: {day.Count()} items on {day.Key}\n{summary}");
            Assert.True(day.Count(r => r.Kind == K.Hydration) <= 1, $"{name}: two hydration items on {day.Key}\n{summary}");
        }

        Assert.All(plan.Recommendations, r => Assert.NotEmpty(r.Reasons));
        s.Also?.Invoke(plan);
    }

    private static string Describe(RecoveryPlan plan) => string.Join('\n', plan.Recommendations.Select(r =>
        $"  {r.Kind,-16} {string.Join('+', r.BodyParts),-22} {r.Tool,-12} {r.DurationMinutes,3} min due {r.DueUtc:MM-dd HH:mm} p{r.Priority} {r.Id} | {string.Join(" | ", r.Reasons)}"))
        + $"\n  last day: {plan.Days[^1]}\n  last activity: cardio {plan.Activities[^1].CardioLoad:0.0} muscle {plan.Activities[^1].MuscleLoad} rec {plan.Activities[^1].RecoveryHours:0.0} h";
}
