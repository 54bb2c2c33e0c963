using System.Text;
using RunRecovery.Application.Persistence;
using RunRecovery.Scoring.Planning;
using RunRecovery.Scoring.Recommendations;

namespace RunRecovery.Application.Rescoring;

/// <summary>Replaces the open part of a runner's recommendation queue with a new plan, keeping history (the recompute's last step).</summary>
public static class OpenRecommendations
{
    /// <summary>
    /// Plan items whose key matches a done or dismissed row are skipped (never re-created); open rows with a matching
    /// key are updated in place (their delivery state kept), withdrawn ones reopen. Open rows the plan no longer holds
    /// (issue 14, docs/recovery-model.md §7): today's (and already due) rows stay unless the plan truly contradicts
    /// them; later rows are withdrawn; every withdrawal records its reason. Then at most
    /// <see cref="RecommendationEngine.MaxItemsPerDay"/> open rows per local day stay open, the most important first.
    /// Returns the number of open rows now queued.
    /// </summary>
    public static async Task<int> ReplaceAsync(
        RunRecoveryDb db, Guid runnerId, IReadOnlyList<Recommendation> plan, IReadOnlySet<string> activityIds, TimeZoneInfo zone, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        Dictionary<string, StoredRecommendation> existing = await db.Recommendations
            .Where(r => r.RunnerId == runnerId)
            .ToDictionaryAsync(r => r.Key, StringComparer.Ordinal, cancellationToken);

        var planned = new Dictionary<string, Recommendation>(StringComparer.Ordinal);
        var open = new List<StoredRecommendation>();
        foreach (Recommendation item in plan)
        {
            if (!planned.TryAdd(item.Id, item))
            {
                continue;
            }

            if (existing.TryGetValue(item.Id, out StoredRecommendation? row))
            {
                if (row.Status is RecommendationStatus.Open or RecommendationStatus.Withdrawn)
                {
                    Copy(item, row);
                    row.Status = RecommendationStatus.Open;
                    row.WithdrawnAt = null;
                    row.WithdrawReason = null;
                    row.UpdatedAt = now;
                    open.Add(row);
                }

                continue;
            }

            var added = new StoredRecommendation { Id = Guid.CreateVersion7(now), RunnerId = runnerId, Key = item.Id, CreatedAt = now, UpdatedAt = now };
            Copy(item, added);
            db.Recommendations.Add(added);
            open.Add(added);
        }

        DateOnly today = LocalTime.Date(now, zone);
        foreach (StoredRecommendation row in existing.Values)
        {
            if (row.Status != RecommendationStatus.Open || planned.ContainsKey(row.Key) || row.ExpiresUtc <= now)
            {
                continue;
            }

            bool todays = DayOf(row, zone, today) == today;
            string? reason = QueueContradictions.Find(row, planned.Values, activityIds, todays);
            if (reason is null)
            {
                open.Add(row); // today's item, not contradicted: kept as it is
                continue;
            }

            Withdraw(row, reason, now);
        }

        // At most four open items per local day, in the API, the dashboard and webhooks alike.
        foreach (var day in open.Where(r => r.ExpiresUtc > now).GroupBy(r => DayOf(r, zone, today)))
        {
            foreach (StoredRecommendation extra in day.OrderByDescending(r => r.Priority).ThenBy(r => r.DueUtc).ThenBy(r => r.Key, StringComparer.Ordinal)
                .Skip(RecommendationEngine.MaxItemsPerDay))
            {
                Withdraw(extra, $"Only the {RecommendationEngine.MaxItemsPerDay} most important items of a day are kept open.", now);
            }
        }

        return open.Count(r => r.Status == RecommendationStatus.Open);
    }

    /// <summary>The local day an item counts for: its due day, or today for items already due.</summary>
    public static DateOnly DayOf(StoredRecommendation row, TimeZoneInfo zone, DateOnly today)
    {
        DateOnly due = LocalTime.Date(row.DueUtc, zone);
        return due > today ? due : today;
    }

    private static void Withdraw(StoredRecommendation row, string reason, DateTimeOffset now)
    {
        row.Status = RecommendationStatus.Withdrawn;
        row.WithdrawnAt = now;
        row.WithdrawReason = reason.Length > 1000 ? reason[..1000] : reason;
        row.UpdatedAt = now;
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
        row.ActivityIds = [.. item.ActivityIds];
        row.Steps = [.. item.Steps.Select(step => new StoredRecommendationStep(step.Action, BodyPartName(step.BodyPart), step.Technique, step.Tool, step.Minutes))];
        row.Question = item.Question;
        row.Trigger = item.Trigger;
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
