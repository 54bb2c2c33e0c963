using RunRecovery.Scoring.Planning;

namespace RunRecovery.Scoring.Recommendations;

/// <summary>Builds the recommendation queue as of one instant (docs/recovery-model.md §7). Pure and deterministic.</summary>
public static class RecommendationEngine
{
    /// <summary>Items due later than this after "as of" are left for a later plan.</summary>
    public static readonly TimeSpan Horizon = TimeSpan.FromHours(72);

    /// <summary>Open items per runner per local day (issue 14): one session, one hydration, one day advice and one safety
    /// item fit; more would be noise.</summary>
    public const int MaxItemsPerDay = 4;

    /// <summary>The local day an item counts for: its due day, or today for items already due.</summary>
    public static DateOnly DayOf(Recommendation item, TimeZoneInfo zone, DateOnly today) => Max(LocalTime.Date(item.DueUtc, zone), today);

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

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

        // At most four open items per local day (issue 14), the most important first; items already due count for today.
        return all
            .Where(r => r.ExpiresUtc > context.AsOfUtc && r.DueUtc <= context.AsOfUtc + Horizon)
            .GroupBy(r => Max(LocalTime.Date(r.DueUtc, context.Zone), context.Today))
            .SelectMany(day => day.OrderByDescending(r => r.Priority).ThenBy(r => r.DueUtc).ThenBy(r => r.Id, StringComparer.Ordinal).Take(MaxItemsPerDay))
            .OrderBy(r => r.DueUtc)
            .ThenByDescending(r => r.Priority)
            .ThenBy(r => r.Id, StringComparer.Ordinal)
            .ToList();
    }
}
