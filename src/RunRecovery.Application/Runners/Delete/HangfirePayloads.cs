using Microsoft.EntityFrameworkCore;
using RunRecovery.Application.Data;

namespace RunRecovery.Application.Runners.Delete;

/// <summary>
/// Deletes Hangfire's rows about jobs whose arguments, invocation data, states or parameters mention any of the
/// given ids (a runner's scoring jobs, webhook deliveries of their recommendations…), with their queue entries and
/// the set and list entries that refer to them. Safe against a job running at the same moment: Hangfire.PostgreSql
/// fetches with a committed UPDATE (no long-held row lock), a worker that finishes a deleted job finds no job to
/// change the state of and moves on, and our jobs for a runner who is gone do nothing (ScoreRunner: no scoring
/// row; DeliverRecommendation: no recommendation) instead of failing.
/// </summary>
public static class HangfirePayloads
{
    /// <summary>The schema Hangfire.PostgreSql uses (RunRecoveryService.HangfireSchema, which the erasure test also searches).</summary>
    public const string Schema = "hangfire";

    /// <summary>Returns how many jobs were deleted; 0 when the Hangfire schema is not installed in this database.</summary>
    public static async Task<int> PurgeAsync(RunRecoveryDb db, IReadOnlyCollection<string> needles, CancellationToken cancellationToken)
    {
        bool installed = await db.Database.SqlQuery<bool>($"SELECT to_regclass({Schema + ".job"}) IS NOT NULL AS \"Value\"").SingleAsync(cancellationToken);
        if (!installed || needles.Count == 0)
        {
            return 0;
        }

        // Ids are hex and dashes: nothing in them is special to LIKE.
        string[] patterns = [.. needles.Select(needle => "%" + needle + "%")];
        long[] jobIds = await db.Database.SqlQuery<long>(
            $"""
            SELECT j.id AS "Value" FROM hangfire.job j
            WHERE j.invocationdata::text ILIKE ANY ({patterns}) OR j.arguments::text ILIKE ANY ({patterns})
            UNION SELECT s.jobid FROM hangfire.state s WHERE s.data::text ILIKE ANY ({patterns}) OR s.reason ILIKE ANY ({patterns})
            UNION SELECT p.jobid FROM hangfire.jobparameter p WHERE p.value ILIKE ANY ({patterns})
            """)
            .ToArrayAsync(cancellationToken);
        if (jobIds.Length == 0)
        {
            return 0;
        }

        string[] jobIdTexts = [.. jobIds.Select(id => id.ToString(System.Globalization.CultureInfo.InvariantCulture))];
        await db.Database.ExecuteSqlAsync($"DELETE FROM hangfire.jobqueue WHERE jobid = ANY ({jobIds})", cancellationToken);
        await db.Database.ExecuteSqlAsync($"DELETE FROM hangfire.state WHERE jobid = ANY ({jobIds})", cancellationToken);
        await db.Database.ExecuteSqlAsync($"DELETE FROM hangfire.jobparameter WHERE jobid = ANY ({jobIds})", cancellationToken);
        await db.Database.ExecuteSqlAsync($"DELETE FROM hangfire.set WHERE value = ANY ({jobIdTexts})", cancellationToken);
        await db.Database.ExecuteSqlAsync($"DELETE FROM hangfire.list WHERE value = ANY ({jobIdTexts})", cancellationToken);
        return await db.Database.ExecuteSqlAsync($"DELETE FROM hangfire.job WHERE id = ANY ({jobIds})", cancellationToken);
    }
}
