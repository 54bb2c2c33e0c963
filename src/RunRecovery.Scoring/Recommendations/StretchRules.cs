using RunRecovery.Scoring.Load;

namespace RunRecovery.Scoring.Recommendations;

/// <summary>Stretching after running (docs/recovery-model.md §7.2).</summary>
public static class StretchRules
{
    /// <summary>Stretching holds (issue 5). Evidence for soreness relief is absent (Dupuy 2018, research §2.8).</summary>
    public const string StretchTechnique =
        "Static stretches, hold 10–20 s, 2–3 times per side; gentle tension, no bouncing, never into pain.";

    public static IEnumerable<Recommendation> For(RecommendationContext context, ActivityLoad activity, DateTimeOffset due,
        DateTimeOffset expires, string runReason)
    {
        if (context.Feedback.AvoidsKind(RecommendationKind.Stretch))
        {
            yield break;
        }

        double top = activity.MuscleLoad.Max;
        var parts = new[] { MuscleGroup.Calves, MuscleGroup.Hamstrings, MuscleGroup.Quadriceps }
            .Where(g => activity.MuscleLoad[g] >= MassageRules.IncludeShareOfTop * top)
            .OrderByDescending(g => activity.MuscleLoad[g]).ThenBy(g => g)
            .Select(RecommendationContext.ToBodyPart)
            .Where(p => !context.IsFlagged(p))
            .ToList();
        if (parts.Count == 0)
        {
            yield break;
        }

        yield return new Recommendation
        {
            Id = I($"stretch:{string.Join('+', parts.Select(SafetyRules.Name))}:{activity.Id}"),
            Kind = RecommendationKind.Stretch,
            BodyParts = parts,
            Technique = StretchTechnique,
            DurationMinutes = Math.Max(3, 2 * parts.Count),
            DueUtc = due,
            ExpiresUtc = expires,
            Priority = 35,
            Reasons =
            [
                runReason,
                I($"Loaded groups: {string.Join(", ", parts.Select(SafetyRules.Name))}."),
                "Stretching is for comfort and range of motion; it does not reduce next-day soreness.",
            ],
            Sources = [Sources.Dupuy2018],
            ActivityId = activity.Id,
        };
    }

    private static string I(FormattableString text) => FormattableString.Invariant(text);
}
