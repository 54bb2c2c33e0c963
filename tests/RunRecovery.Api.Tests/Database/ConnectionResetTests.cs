using Npgsql;
using RunRecovery.Api.Database;
using RunRecovery.Api.Tests.Infrastructure;
using RunRecovery.Application.Jobs;
using RunRecovery.Application.Persistence;

namespace RunRecovery.Api.Tests.Database;

/// <summary>
/// The service's pool hands a connection out again without Npgsql's seven reset statements (<c>No Reset On Close</c>;
/// docs/reliability.md, "Scale-out", fifth pass), so session state left on it would reach its next user; the two users
/// that hold session state (session advisory locks, Hangfire's LISTEN) take their connections from a pool that resets.
/// </summary>
public sealed class ConnectionResetTests(RunnerHost host) : IClassFixture<RunnerHost>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public void The_service_pool_skips_the_reset_unless_the_operator_set_it_and_the_session_pools_reset()
    {
        var service = new NpgsqlConnectionStringBuilder(RunRecoveryDatabase.WithResilienceDefaults("Host=db;Database=runrecovery;Username=u"));
        Assert.True(service.NoResetOnClose);

        var explicitReset = new NpgsqlConnectionStringBuilder(
            RunRecoveryDatabase.WithResilienceDefaults("Host=db;Database=runrecovery;Username=u;No Reset On Close=false"));
        Assert.False(explicitReset.NoResetOnClose);

        var database = new RunRecoveryDatabase();
        database.Use("Host=db;Database=runrecovery;Username=u");
        var hangfire = new NpgsqlConnectionStringBuilder(database.SessionConnectionString);
        Assert.False(hangfire.NoResetOnClose);
        Assert.Equal(RunRecoveryDatabase.MaxAutoPrepare, hangfire.MaxAutoPrepare); // the other settings stay
    }

    [Fact]
    public async Task Session_state_survives_on_the_service_pool_and_ends_on_the_session_pool()
    {
        string service = Unique(RunRecoveryDatabase.WithResilienceDefaults(host.ConnectionString));

        (int first, string? setting) = await SetThenReadAsync(service);
        Assert.NotEqual(0, first);
        Assert.Equal("left-behind", setting); // no reset: why nothing on this pool may SET, LISTEN or lock for its session

        string session = SessionResetPool.ConnectionString(service);
        (_, string? reset) = await SetThenReadAsync(session);
        Assert.True(string.IsNullOrEmpty(reset), $"the setting survived the session pool's reset: {reset}"); // RESET ALL
    }

    [Fact]
    public async Task A_run_alone_lock_comes_from_the_session_pool_and_a_lock_left_there_ends_at_the_next_use()
    {
        string service = Unique(RunRecoveryDatabase.WithResilienceDefaults(host.ConnectionString));
        int lockHolder;
        await using (RunAlone? alone = await RunAlone.TryEnterAsync(service, "reset-test", Cancel))
        {
            Assert.NotNull(alone);
            lockHolder = (int)await host.ScalarAsync(
                "SELECT l.pid FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid WHERE l.locktype = 'advisory' AND a.application_name = $1",
                new NpgsqlConnectionStringBuilder(service).ApplicationName!);
        }

        // The lock's connection went back to the session pool, not the service's: the next session-pool user gets it.
        await using (var next = new NpgsqlConnection(SessionResetPool.ConnectionString(service)))
        {
            await next.OpenAsync(Cancel);
            Assert.Equal(lockHolder, next.ProcessID);

            // A lock whose release never ran (as after a take cancelled while it was granted) ends at the next use.
            await using (var take = new NpgsqlCommand("SELECT pg_advisory_lock(42)", next))
            {
                await take.ExecuteNonQueryAsync(Cancel);
            }
        }

        await using var reused = new NpgsqlConnection(SessionResetPool.ConnectionString(service));
        await reused.OpenAsync(Cancel);
        Assert.Equal(lockHolder, reused.ProcessID);
        await using var held = new NpgsqlCommand("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()", reused);
        Assert.Equal(0L, await held.ExecuteScalarAsync(Cancel));
    }

    /// <summary>A pool of this test's own (Npgsql pools by connection string).</summary>
    private static string Unique(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { ApplicationName = "reset-test-" + Guid.NewGuid().ToString("N")[..12] }.ConnectionString;

    /// <summary>Sets a session setting on a pooled connection, closes it, and reads the setting on the next one.</summary>
    private static async Task<(int ProcessId, string? Setting)> SetThenReadAsync(string connectionString)
    {
        int first;
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync(Cancel);
            first = connection.ProcessID;
            await using var set = new NpgsqlCommand("SET runrecovery.probe = 'left-behind'", connection);
            await set.ExecuteNonQueryAsync(Cancel);
        }

        await using var again = new NpgsqlConnection(connectionString);
        await again.OpenAsync(Cancel);
        Assert.Equal(first, again.ProcessID); // the same pooled connection
        await using var read = new NpgsqlCommand("SELECT current_setting('runrecovery.probe', true)", again);
        return (first, await read.ExecuteScalarAsync(Cancel) as string);
    }
}
