using System.Text;
using Microsoft.EntityFrameworkCore;
using RunRecovery.Application.Persistence;
using RunRecovery.Scoring.Planning;
using RunRecovery.Scoring.Recommendations;

namespace RunRecovery.Application.Rescoring;

/// <summary>Replaces the open part of a runner's recommendation queue with a new plan, keeping history (the recompute's last step).</summary>
public static class OpenRecommendations
{
    /// <summary>
    /// Plan items whose key matches a done or dismissed row are skipped (never re-created); open rows with a
    /// matching key are updated in place (their delivery state kept); open rows the plan no longer holds are
    /// removed unless already expired, which stay as history. Returns the number of open rows now queued.
    /// </summary>
    public static async Task<int> ReplaceAsync(
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
        row.BodyParts = [.. item.BodyParts.Select(BodyPartName)];
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

    /// <summary>Body parts as stored and shown, in the API's kebab-case words: "lower-back", "quadriceps".</summary>
    public static string BodyPartName(BodyPart part)
    {
        string name = part.ToString();
        var builder = new StringBuilder(name.Length + 4);
        for (int i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                builder.Append('-');
            }

            builder.Append(char.ToLowerInvariant(name[i]));
        }

        return builder.ToString();
    }
}
