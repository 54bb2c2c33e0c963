using Microsoft.EntityFrameworkCore;
using RunRecovery.Application.Data;
using RunRecovery.Scoring.Recommendations;

namespace RunRecovery.Application.Recommendations;

/// <summary>Replaces the open part of a runner's queue with a new plan, keeping history.</summary>
public static class RecommendationQueue
{
    /// <summary>
    /// Plan items whose key matches a done or dismissed row are skipped (never re-created); open rows with a
    /// matching key are updated in place (their delivery state kept); open rows the plan no longer holds are
    /// removed unless already expired, which stay as history. Returns the number of open rows now queued.
    /// </summary>
    public static async Task<int> ReplaceOpenAsync(
        RunRecoveryDb db, Guid runnerId, IReadOnlyList<Recommendation> plan, DateTimeOffset now, CancellationToken cancellationToken)
    {
        Dictionary<string, StoredRecommendation> existing = await db.Recommendations
            .Where(r => r.RunnerId == runnerId)
            .ToDictionaryAsync(r => r.Key, StringComparer.Ordinal, cancellationToken);

        var planned = new HashSet<string>(StringComparer.Ordinal);
        foreach (Recommendation item in plan)
        {
            if (!planned.Add(item.Id))
            {
                continue;
            }

            if (existing.TryGetValue(item.Id, out StoredRecommendation? row))
            {
                if (row.Status == RecommendationStatus.Open)
                {
                    Copy(item, row);
                    row.UpdatedAt = now;
                }

                continue;
            }

            var added = new StoredRecommendation { Id = Guid.CreateVersion7(now), RunnerId = runnerId, Key = item.Id, CreatedAt = now, UpdatedAt = now };
            Copy(item, added);
            db.Recommendations.Add(added);
        }

        int open = planned.Count(key => !existing.TryGetValue(key, out StoredRecommendation? row) || row.Status == RecommendationStatus.Open);
        foreach (StoredRecommendation row in existing.Values)
        {
            if (row.Status == RecommendationStatus.Open && !planned.Contains(row.Key) && row.ExpiresUtc > now)
            {
                db.Recommendations.Remove(row);
            }
        }

        return open;
    }

    private static void Copy(Recommendation item, StoredRecommendation row)
    {
        row.Kind = item.Kind;
        row.BodyParts = [.. item.BodyParts.Select(RecommendationView.BodyPartName)];
        row.Technique = item.Technique;
        row.Tool = item.Tool;
        row.DurationMinutes = item.DurationMinutes;
        row.DueUtc = item.DueUtc;
        row.ExpiresUtc = item.ExpiresUtc;
        row.Priority = item.Priority;
        row.Reasons = [.. item.Reasons];
        row.Sources = [.. item.Sources];
        row.ActivityId = item.ActivityId;
        row.Day = item.Day;
    }
}
