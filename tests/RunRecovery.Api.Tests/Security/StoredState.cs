using Npgsql;

namespace RunRecovery.Api.Tests.Security;

/// <summary>
/// What the database holds for one runner (and the job queue as a whole), compared before and after a hostile
/// request: row counts, and a digest of the runner's own rows so that "unchanged" means byte for byte.
/// </summary>
public sealed record StoredState(
    long Activities,
    long ActivityContents,
    long Checkins,
    long Recommendations,
    long ClubImports,
    long ClubImportEntries,
    long HangfireJobs,
    string? RunnerDigest)
{
    private const string Sql =
        """
        SELECT
          (SELECT count(*) FROM runrecovery.activities WHERE runner_id = $1),
          (SELECT count(*) FROM runrecovery.activity_contents c JOIN runrecovery.activities a ON a.id = c.activity_id WHERE a.runner_id = $1),
          (SELECT count(*) FROM runrecovery.checkins WHERE runner_id = $1),
          (SELECT count(*) FROM runrecovery.recommendations WHERE runner_id = $1),
          (SELECT count(*) FROM runrecovery.club_imports WHERE created_by = $1),
          (SELECT count(*) FROM runrecovery.club_import_entries),
          (SELECT count(*) FROM hangfire.job),
          md5(concat_ws('|',
            (SELECT r::text FROM runrecovery.runners r WHERE r.id = $1),
            (SELECT string_agg(a::text, ',' ORDER BY a.id) FROM runrecovery.activities a WHERE a.runner_id = $1),
            (SELECT string_agg(md5(c.content), ',' ORDER BY c.activity_id) FROM runrecovery.activity_contents c
               JOIN runrecovery.activities a ON a.id = c.activity_id WHERE a.runner_id = $1),
            (SELECT string_agg(c::text, ',' ORDER BY c.id) FROM runrecovery.checkins c WHERE c.runner_id = $1),
            (SELECT s::text FROM runrecovery.runner_scoring s WHERE s.runner_id = $1),
            (SELECT s::text FROM runrecovery.runner_settings s WHERE s.runner_id = $1)))
        """;

    public static async Task<StoredState> ReadAsync(string connectionString, Guid runnerId)
    {
        CancellationToken cancel = TestContext.Current.CancellationToken;
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancel);
        await using var command = new NpgsqlCommand(Sql, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = runnerId });
        await using NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancel);
        Assert.True(await reader.ReadAsync(cancel));
        return new StoredState(
            reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5), reader.GetInt64(6),
            reader.IsDBNull(7) ? null : reader.GetString(7));
    }
}
