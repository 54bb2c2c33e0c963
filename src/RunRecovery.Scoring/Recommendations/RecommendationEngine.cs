using RunRecovery.Scoring.Planning;

namespace RunRecovery.Scoring.Recommendations;

/// <summary>Builds the recommendation queue as of one instant (docs/recovery-model.md §7). Pure and deterministic.</summary>
public static class RecommendationEngine
{
    /// <summary>Items due later than this after "as of" are left for a later plan.</summary>
    public static readonly TimeSpan Horizon = TimeSpan.FromHours(72);

    public static IReadOnlyList<Recommendation> Recommend(RecommendationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var all = new List<Recommendation>();
        all.AddRange(SafetyRecommendations.For(context));
        var days = DayAdviceRules.For(context);
        all.AddRange(days);
        var hard = days.Where(d => d.SuggestsIntensity).Select(d => d.DueUtc).ToList();
        all.AddRange(MassageRules.For(context, hard));
        all.AddRange(HydrationRules.For(context));

        return all
            .Where(r => r.ExpiresUtc > context.AsOfUtc && r.DueUtc <= context.AsOfUtc + Horizon)
            .OrderBy(r => r.DueUtc)
            .ThenByDescending(r => r.Priority)
            .ThenBy(r => r.Id, StringComparer.Ordinal)
            .ToList();
    }
}
