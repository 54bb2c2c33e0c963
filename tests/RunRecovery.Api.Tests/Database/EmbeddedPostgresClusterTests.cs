using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using RunRecovery.Api.Database;
using RunRecovery.Api.Tests.Infrastructure;

namespace RunRecovery.Api.Tests.Database;

/// <summary>The embedded cluster the service falls back to, in its own throwaway folder.</summary>
public sealed class EmbeddedPostgresClusterTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"runrecovery-cluster-test-{Guid.NewGuid():N}");

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Keeps_data_across_restarts_survives_a_stale_pid_file_and_leaves_no_server_running()
    {
        Assert.SkipWhen(LocalPostgres.FindBinaries() is null, "No PostgreSQL binaries (initdb, pg_ctl) on this machine.");

        EmbeddedPostgresCluster first = await EmbeddedPostgresCluster.StartAsync(_folder, NullLogger.Instance, fastAndUnsafe: false, Cancel);
        Assert.Contains("Database=runrecovery", first.ConnectionString, StringComparison.Ordinal);
        await ExecuteAsync(first.ConnectionString, "CREATE TABLE kept (value text); INSERT INTO kept VALUES ('still here')");
        int firstServerPid = ServerPid(first);
        await first.StopAsync();

        Assert.False(File.Exists(Path.Combine(first.DataDirectory, "postmaster.pid")));
        Assert.False(ProcessIsAlive(firstServerPid));

        // A crash leaves postmaster.pid behind, naming a PID that now belongs to someone else (here: this test process).
        await File.WriteAllTextAsync(
            Path.Combine(first.DataDirectory, "postmaster.pid"), $"{Environment.ProcessId}\n{first.DataDirectory}\n", Cancel);

        EmbeddedPostgresCluster second = await EmbeddedPostgresCluster.StartAsync(_folder, NullLogger.Instance, fastAndUnsafe: false, Cancel);
        try
        {
            Assert.Equal("still here", await ScalarAsync(second.ConnectionString, "SELECT value FROM kept"));
        }
        finally
        {
            await second.StopAsync();
        }
    }

    [Fact]
    public async Task Stops_a_server_left_running_by_a_killed_service_and_starts_again()
    {
        Assert.SkipWhen(LocalPostgres.FindBinaries() is null, "No PostgreSQL binaries (initdb, pg_ctl) on this machine.");

        // The first instance is abandoned without StopAsync, as when the service is killed with SIGKILL.
        EmbeddedPostgresCluster abandoned = await EmbeddedPostgresCluster.StartAsync(_folder, NullLogger.Instance, fastAndUnsafe: true, Cancel);
        int orphanPid = ServerPid(abandoned);

        EmbeddedPostgresCluster next = await EmbeddedPostgresCluster.StartAsync(_folder, NullLogger.Instance, fastAndUnsafe: true, Cancel);
        try
        {
            Assert.False(ProcessIsAlive(orphanPid));
            Assert.Equal("1", await ScalarAsync(next.ConnectionString, "SELECT 1::text"));
        }
        finally
        {
            await next.StopAsync();
        }
    }

    [Fact]
    public async Task A_test_runs_cluster_is_stopped_and_removed_when_the_test_process_is_killed()
    {
        Assert.SkipWhen(LocalPostgres.FindBinaries() is null, "No PostgreSQL binaries (initdb, pg_ctl) on this machine.");

        // The "test process" is a sleep that is killed with SIGKILL: nothing of ours runs after it.
        EmbeddedPostgresCluster cluster = await EmbeddedPostgresCluster.StartAsync(_folder, NullLogger.Instance, fastAndUnsafe: true, Cancel);
        int serverPid = ServerPid(cluster);
        using var owner = System.Diagnostics.Process.Start("sleep", "600");
        Assert.True(ClusterWatchdog.Watch(_folder, owner.Id));
        await Task.Delay(1500, Cancel);
        Assert.True(ProcessIsAlive(serverPid)); // the watchdog leaves a live owner's cluster alone
        Assert.True(Directory.Exists(_folder));

        owner.Kill();
        await owner.WaitForExitAsync(Cancel);
        for (int waited = 0; (ProcessIsAlive(serverPid) || Directory.Exists(_folder)) && waited < 600; waited++)
        {
            await Task.Delay(50, Cancel);
        }

        Assert.False(ProcessIsAlive(serverPid));
        Assert.False(Directory.Exists(_folder));
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static int ServerPid(EmbeddedPostgresCluster cluster) =>
        int.Parse(File.ReadLines(Path.Combine(cluster.DataDirectory, "postmaster.pid")).First());

    // A stopped server may linger briefly as a zombie until init reaps it; IsPostgresProcess counts that as gone.
    private static bool ProcessIsAlive(int pid) => LocalPostgres.IsPostgresProcess(pid);

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Cancel);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(Cancel);
    }

    private static async Task<string?> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Cancel);
        await using var command = new NpgsqlCommand(sql, connection);
        return (string?)await command.ExecuteScalarAsync(Cancel);
    }
}
