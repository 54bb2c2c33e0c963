using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using RunRecovery.Api.Hosting;
using RunRecovery.Api.Tests.Imports;
using RunRecovery.Api.Tests.Infrastructure;
using RunRecovery.Application.Imports.Process;

namespace RunRecovery.Api.Tests.Jobs;

/// <summary>
/// What a killed worker's locks do to the others (docs/reliability.md, "Locks after a kill"): a Hangfire lock row it
/// left blocks others only until <c>DistributedLockTimeout</c> (1 minute, not the library's 10), and the one job that
/// used to hold a Hangfire lock for its whole run (read-activity-sessions) now runs alone under a session advisory
/// lock, which ends with its holder's connection.
/// </summary>
public sealed class LocksAfterAKillTests(FanOutImportServer server) : IClassFixture<FanOutImportServer>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_job_whose_state_lock_a_killed_worker_left_two_minutes_ago_is_run_by_another_worker()
    {
        string jobId = server.Service.App.Services.GetRequiredService<IBackgroundJobClient>()
            .Enqueue<ResumeStalledImportsJob>(job => job.RunAsync(CancellationToken.None));

        // As a worker killed while it moved this job to Processing two minutes ago left it (seen in the kill run of
        // bench/scale-out): the row that says "someone is changing this job's state".
        await server.ScalarAsync("INSERT INTO hangfire.lock (resource, updatecount, acquired) VALUES ($1, 0, now() - interval '2 minutes')",
            $"hangfire:job:{jobId}:state-lock");

        (RunRecoveryService worker, HttpClient client) = await ApiServer.StartAsync(
            server.ConnectionString, ServiceRole.Worker, [.. server.SharedSettings, "--RunRecovery:Worker:ServerName=lock-test"], Cancel);
        await using (worker)
        using (client)
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
            deadline.CancelAfter(TimeSpan.FromSeconds(90)); // with the library's 10 minutes the job would still wait
            while (await server.ScalarAsync("SELECT count(*) FROM hangfire.job WHERE id = $1 AND statename = 'Succeeded'", long.Parse(jobId, System.Globalization.CultureInfo.InvariantCulture)) == 0)
            {
                await Task.Delay(200, deadline.Token);
            }
        }

        Assert.Equal(0, await server.ScalarAsync("SELECT count(*) FROM hangfire.lock WHERE resource = $1", $"hangfire:job:{jobId}:state-lock"));
    }

    [Fact]
    public async Task Read_activity_sessions_runs_alone_and_its_lock_ends_with_a_dead_holders_connection()
    {
        await using var holder = new NpgsqlConnection(server.ConnectionString + ";Pooling=false");
        await holder.OpenAsync(Cancel);
        await using (var take = new NpgsqlCommand("SELECT pg_advisory_lock(hashtextextended('read-activity-sessions', 0))", holder))
        {
            await take.ExecuteNonQueryAsync(Cancel); // a reader on another worker, busy
        }

        Assert.Equal(0, await ReadAloneAsync()); // the second reader does not wait and does not read
        Assert.Equal(1, await HeldAsync());

        // The holder is killed: its session ends without unlocking (kill -9 closes its socket; here the server ends it).
        await server.ScalarAsync("SELECT count(pg_terminate_backend($1))", holder.ProcessID);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        deadline.CancelAfter(TimeSpan.FromSeconds(30));
        while (await HeldAsync() > 0)
        {
            await Task.Delay(50, deadline.Token);
        }

        Assert.Equal(1, await ReadAloneAsync()); // the next run takes the lock at once
        Assert.Equal(0, await HeldAsync()); // and gives it back when it ends
    }

    /// <summary>Runs the guarded step the way the job does; 1 when it got the lock (it finds nothing to read here).</summary>
    private async Task<int> ReadAloneAsync()
    {
        await using Application.Jobs.RunAlone? alone = await Application.Jobs.RunAlone.TryEnterAsync(
            server.ConnectionString, Application.Activities.Sessions.ReadActivitySessionsHandler.LockKey, Cancel);
        return alone is null ? 0 : 1;
    }

    private Task<long> HeldAsync() => server.ScalarAsync(
        "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted AND objid = (hashtextextended('read-activity-sessions', 0) & 4294967295)::oid");
}
