using RunRecovery.Scoring.Planning;

namespace RunRecovery.Scoring.Recommendations;

/// <summary>The see-professional items for flagged parts (docs/recovery-model.md §7.5).</summary>
public static class SafetyRecommendations
{
    public static readonly TimeSpan Validity = TimeSpan.FromDays(3);

    public static IReadOnlyList<Recommendation> For(RecommendationContext context)
    {
        var result = new List<Recommendation>();
        DateTimeOffset due = LocalTime.IntoWakingHours(context.AsOfUtc, context.Profile, context.Zone);
        foreach (var (part, reasons) in context.Flagged)
        {
            string name = SafetyRules.Name(part);
            result.Add(new Recommendation
            {
                Id = FormattableString.Invariant($"see-professional:{name}:{context.Today:yyyy-MM-dd}"),
                Kind = RecommendationKind.SeeProfessional,
                BodyParts = [part],
                Technique = $"Please have a physiotherapist or doctor look at your {name}. Until then we do not suggest massage or running load for it.",
                DueUtc = due,
                ExpiresUtc = due + Validity,
                Priority = 100,
                Reasons = [.. reasons, "Soreness that stays high for days, or pain, is worth a professional's look; this app cannot tell why it hurts."],
                Sources = [Sources.Cheung2003, Sources.RecoveryModel],
            });
        }

        return result;
    }
}
