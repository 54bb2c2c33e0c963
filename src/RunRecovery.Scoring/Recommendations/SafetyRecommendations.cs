using RunRecovery.Scoring.Planning;

namespace RunRecovery.Scoring.Recommendations;

/// <summary>One see-professional item for every flagged part (docs/recovery-model.md §7.5). It keeps its id while the
/// earliest flag lasts and asks "is it better?" once a flagged part has gone 3 days without a report.</summary>
public static class SafetyRecommendations
{
    public static IReadOnlyList<Recommendation> For(RecommendationContext context)
    {
        var flags = context.Safety.Flags.Values.ToList();
        if (flags.Count == 0)
        {
            return [];
        }

        DateOnly since = flags.Min(f => f.Since);
        var parts = flags.Select(f => f.Part).ToList();
        string names = string.Join(", ", parts.Select(SafetyRules.Name));
        bool urgent = flags.Any(f => f.Urgent);
        var ask = flags.Where(f => f.LastReported <= context.Today.AddDays(-SafetyRules.AskAfterDays)).Select(f => f.Part).ToList();
        DateTimeOffset due = LocalTime.WakeTimeOf(since, context.Profile, context.Zone);
        return
        [
            new Recommendation
            {
                Id = FormattableString.Invariant($"see-professional:{since:yyyy-MM-dd}"),
                Kind = RecommendationKind.SeeProfessional,
                BodyParts = parts,
                Technique = urgent
                    ? $"Please have a doctor look at your {names} today. Until then: no massage, stretching or running load for it."
                    : $"Please have a physiotherapist or doctor look at your {names}. Until then: no massage, stretching or running load for it.",
                DueUtc = due,
                ExpiresUtc = LocalTime.BedTimeOf(context.Today.AddDays(SafetyRules.AskAfterDays), context.Profile, context.Zone),
                Priority = 100,
                Reasons = [.. flags.SelectMany(f => f.Reasons), "This app cannot tell why it hurts; the advice stays until a check-in says the part is fine."],
                Sources = [Sources.NhsDvt, Sources.Cheung2003, Sources.RecoveryModel],
                Question = ask.Count > 0 ? SafetyRules.BetterQuestion(ask) : null,
                Trigger = RecommendationTrigger.Pain,
            },
        ];
    }
}
