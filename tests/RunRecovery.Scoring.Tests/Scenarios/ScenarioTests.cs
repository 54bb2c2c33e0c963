using RunRecovery.Scoring.Planning;
using RunRecovery.Scoring.Recommendations;
using Xunit;

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

        var kinds = plan.Recommendations.Select(r => r.Kind).Distinct().Order().ToList();
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
        var postRun = massage.Where(r => r.Id.EndsWith(":post", StringComparison.Ordinal)).OrderByDescending(r => r.Priority).ToList();
        if (s.FirstMassagePart is { } first)
        {
            Assert.True(postRun.Count > 0 && postRun[0].BodyParts[0] == first, $"{name}: first massage part should be {first}\n{summary}");
        }

        var parts = massage.SelectMany(r => r.BodyParts).ToHashSet();
        foreach (var part in s.MassageIncludes)
        {
            Assert.True(parts.Contains(part), $"{name}: no massage for {part}\n{summary}");
        }

        foreach (var part in s.MassageExcludes)
        {
            Assert.False(parts.Contains(part), $"{name}: massage for {part}\n{summary}");
        }

        // Rules that hold for every runner.
        foreach (var group in massage.GroupBy(r => (r.ActivityId, r.DueUtc)))
        {
            Assert.True(group.Sum(r => r.DurationMinutes) >= 5, $"{name}: less than 5 min of massage\n{summary}");
        }

        Assert.All(plan.Recommendations, r => Assert.NotEmpty(r.Reasons));
        s.Also?.Invoke(plan);
    }

    private static string Describe(RecoveryPlan plan) => string.Join('\n', plan.Recommendations.Select(r =>
        $"  {r.Kind,-16} {string.Join('+', r.BodyParts),-22} {r.Tool,-12} {r.DurationMinutes,3} min due {r.DueUtc:MM-dd HH:mm} p{r.Priority} | {string.Join(" | ", r.Reasons)}"))
        + $"\n  last day: {plan.Days[^1]}\n  last activity: cardio {plan.Activities[^1].CardioLoad:0.0} muscle {plan.Activities[^1].MuscleLoad} rec {plan.Activities[^1].RecoveryHours:0.0} h";
}
