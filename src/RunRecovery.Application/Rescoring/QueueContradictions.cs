using RunRecovery.Application.Persistence;
using RunRecovery.Scoring.Recommendations;

namespace RunRecovery.Application.Rescoring;

/// <summary>
/// Why a new plan withdraws an open item it no longer holds (issue 14, point 3). A later item is simply no longer
/// planned; today's item is only withdrawn when the plan truly contradicts it: another piece of advice for the same
/// day, a session that took over its runs, a safety flag that ended, or a row in the shape before issue 14.
/// </summary>
public static class QueueContradictions
{
    /// <returns>The reason to record, or null to keep the item.</returns>
    /// <param name="activityIds">The ids of the runner's activities now stored (a planner id "id#n" of one session of a
    /// multisport file counts as stored while its activity "id" is).</param>
    public static string? Find(StoredRecommendation row, IEnumerable<Recommendation> plan, IReadOnlySet<string> activityIds, bool todays)
    {
        var items = plan.ToList();
        var about = row.ActivityIds.Count > 0 ? row.ActivityIds : row.ActivityId is { } one ? [one] : [];
        if (about.Count > 0 && !about.Any(id => activityIds.Contains(id) || activityIds.Contains(id.Split('#')[0])))
        {
            return "The activity it was about was deleted.";
        }

        if (row.Kind is RecommendationKind.Rest or RecommendationKind.Easy or RecommendationKind.Quality
            && items.FirstOrDefault(i => i.Day == row.Day && i.Kind is RecommendationKind.Rest or RecommendationKind.Easy or RecommendationKind.Quality) is { } other)
        {
            return $"Replaced by {other.Kind} for {row.Day:yyyy-MM-dd}: {(other.Reasons.Count > 0 ? other.Reasons[0] : "")}";
        }

        if (row.Kind == RecommendationKind.Massage && row.ActivityIds.Count > 0
            && items.FirstOrDefault(i => i.Kind == RecommendationKind.Massage && i.ActivityIds.Intersect(row.ActivityIds).Any()) is { } session)
        {
            return $"Merged into one session with your later run ({session.Id}).";
        }

        if (row.Kind == RecommendationKind.SeeProfessional && !items.Any(i => i.Kind == RecommendationKind.SeeProfessional))
        {
            return "A later check-in says the part is fine.";
        }

        if (IsOldShape(row))
        {
            return "Replaced by one grouped session per run (issue 14).";
        }

        if (!todays)
        {
            return row.Day is { } day && items.FirstOrDefault(i => i.Day == day) is { } dayAdvice
                ? $"Replaced by {dayAdvice.Kind} for {day:yyyy-MM-dd}: {(dayAdvice.Reasons.Count > 0 ? dayAdvice.Reasons[0] : "")}"
                : "No longer in the plan after new activities or check-ins.";
        }

        return null;
    }

    /// <summary>Keys written before issue 14: one item per muscle, stretch items, three kinds of hydration item.</summary>
    public static bool IsOldShape(StoredRecommendation row) =>
        row.Key.StartsWith("stretch:", StringComparison.Ordinal)
        || row.Key.StartsWith("hydration:rehydrate:", StringComparison.Ordinal)
        || row.Key.StartsWith("hydration:electrolytes:", StringComparison.Ordinal)
        || row.Key.StartsWith("hydration:baseline:", StringComparison.Ordinal)
        || (row.Kind == RecommendationKind.Massage && !row.Key.StartsWith("massage:post:", StringComparison.Ordinal)
            && !row.Key.StartsWith("massage:follow-up:", StringComparison.Ordinal));
}
