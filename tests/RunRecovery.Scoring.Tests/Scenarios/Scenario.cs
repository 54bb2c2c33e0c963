using RunRecovery.Scoring.Load;
using RunRecovery.Scoring.Planning;

namespace RunRecovery.Scoring.Tests.Scenarios;

/// <summary>One runner of the scenario table with the expectations written down before the engine ran.</summary>
internal sealed record Scenario
{
    public required string Name { get; init; }
    public required RunnerProfile Profile { get; init; }
    public required IReadOnlyList<ActivityLoadInput> Activities { get; init; }
    public IReadOnlyList<SorenessCheckin> Checkins { get; init; } = [];
    public IReadOnlyList<RecommendationFeedback> Feedback { get; init; } = [];
    public required DateTimeOffset AsOfUtc { get; init; }

    /// <summary>Kinds that must be in the queue.</summary>
    public required string[] Required { get; init; }

    /// <summary>Kinds that must not be in the queue.</summary>
    public required string[] Forbidden { get; init; }

    /// <summary>At least one of these kinds must be present (empty: no constraint).</summary>
    public string[] RequiredAnyOf { get; init; } = [];

    /// <summary>The most loaded group, massaged first, when it is clear-cut.</summary>
    public BodyPart? FirstMassagePart { get; init; }

    public BodyPart[] MassageIncludes { get; init; } = [];

    public BodyPart[] MassageExcludes { get; init; } = [];

    /// <summary>Further checks specific to the scenario.</summary>
    public Action<RecoveryPlan>? Also { get; init; }
}

/// <summary>Small helpers to lay out training weeks.</summary>
internal static class Training
{
    /// <summary><paramref name="weeks"/> weeks from <paramref name="monday"/>, one run per (day, builder) entry.</summary>
    public static List<ActivityLoadInput> Weeks(string prefix, DateTimeOffset monday, int weeks,
        params (int Day, Func<SyntheticRun, SyntheticRun> Shape)[] pattern)
    {
        var runs = new List<ActivityLoadInput>();
        for (int w = 0; w < weeks; w++)
        {
            foreach (var (day, shape) in pattern)
            {
                var start = monday.AddDays((w * 7) + day);
                runs.Add(shape(new SyntheticRun($"{prefix}-{w:00}-{day}", start).SampleEvery(30)).Build());
            }
        }

        return runs;
    }
}
