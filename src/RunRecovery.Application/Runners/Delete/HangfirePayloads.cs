using RunRecovery.Application.Persistence;

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
    // Ids are hex and dashes: nothing in them is special to LIKE. Table names are constants; {0} is the patterns.
    private const string MatchingJobs =
        $$"""
        SELECT j.id AS "Value" FROM {{HangfireTables.Job}} j
        WHERE j.invocationdata::text ILIKE ANY ({0}) OR j.arguments::text ILIKE ANY ({0})
        UNION SELECT s.jobid FROM {{HangfireTables.State}} s WHERE s.data::text ILIKE ANY ({0}) OR s.reason ILIKE ANY ({0})
        UNION SELECT p.jobid FROM {{HangfireTables.JobParameter}} p WHERE p.value ILIKE ANY ({0})
        """;

    /// <summary>Returns how many jobs were deleted; 0 when the Hangfire schema is not installed in this database.</summary>
    public static async Task<int> PurgeAsync(RunRecoveryDb db, IReadOnlyCollection<string> needles, CancellationToken cancellationToken)
    {
        bool installed = await db.Database.SqlQuery<bool>($"SELECT to_regclass({HangfireTables.Job}) IS NOT NULL AS \"Value\"").SingleAsync(cancellationToken);
        if (!installed || needles.Count == 0)
        {
            return 0;
        }

        string[] patterns = [.. needles.Select(needle => "%" + needle + "%")];
        long[] jobIds = await db.Database.SqlQueryRaw<long>(MatchingJobs, [patterns]).ToArrayAsync(cancellationToken);
        if (jobIds.Length == 0)
        {
            return 0;
        }

        string[] jobIdTexts = [.. jobIds.Select(id => id.ToString(System.Globalization.CultureInfo.InvariantCulture))];
        await db.Database.ExecuteSqlRawAsync($"DELETE FROM {HangfireTables.JobQueue} WHERE jobid = ANY ({{0}})", [jobIds], cancellationToken);
        await db.Database.ExecuteSqlRawAsync($"DELETE FROM {HangfireTables.State} WHERE jobid = ANY ({{0}})", [jobIds], cancellationToken);
        await db.Database.ExecuteSqlRawAsync($"DELETE FROM {HangfireTables.JobParameter} WHERE jobid = ANY ({{0}})", [jobIds], cancellationToken);
        await db.Database.ExecuteSqlRawAsync($"DELETE FROM {HangfireTables.Set} WHERE value = ANY ({{0}})", [jobIdTexts], cancellationToken);
        await db.Database.ExecuteSqlRawAsync($"DELETE FROM {HangfireTables.List} WHERE value = ANY ({{0}})", [jobIdTexts], cancellationToken);
        return await db.Database.ExecuteSqlRawAsync($"DELETE FROM {HangfireTables.Job} WHERE id = ANY ({{0}})", [jobIds], cancellationToken);
    }
}
