using System.Text.Json;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using RunRecovery.Api.Hosting;
using RunRecovery.Api.Tests.Infrastructure;
using RunRecovery.Application.Imports.Process;
using RunRecovery.Application.Rescoring;

namespace RunRecovery.Api.Tests.Imports;

/// <summary>
/// The fanned-out import: the import job expands the archive into a spool, a segment per member, and enqueues each
/// member's job as soon as it has passed that member's last entry; member jobs (on any worker) store the files with the
/// same one-row-per-entry rule, and the last one after the spool is sealed finishes.
/// </summary>
public sealed class ImportFanOutTests(FanOutImportServer server) : ImportTestBase(server), IClassFixture<FanOutImportServer>
{
    private const int FilesEach = 5;

    [Fact]
    public async Task Member_jobs_store_each_file_once_and_the_one_that_stores_the_last_file_finishes_the_import()
    {
        TestClub club = await ClubAsync("fanout");
        var archive = new ClubArchive();
        for (int i = 0; i < FilesEach; i++)
        {
            archive.Add($"{club.MemberEmail}/{i}.fit", ClubArchive.Fit(i)).Add($"{club.ManagedExternalId}/{i}.gpx", ClubArchive.Gpx(i));
        }

        archive.Add($"{club.MemberEmail}/notes.txt", "not a run"u8.ToArray()).Add($"{club.ManagedExternalId}/broken.fit", ClubArchive.Fit(9)[..150]);
        Guid importId = await StartAsync(club.AdminKey, club.Id, archive.Build());

        ImportRunResult expanded = await Server.RunJobAsync(importId, Cancel);

        Assert.Equal((true, "running"), (expanded.Ran, expanded.State));
        Assert.True(ImportSpool.IsSealed(SpoolPath(importId)));
        Assert.Equal(1, await EntriesAsync(importId)); // only the skipped text file: activity files wait for their member's job
        Assert.Equal(2, await MemberJobsAsync(importId));
        Assert.Equal(0, await ActivitiesOfAsync(club.MemberId));

        ImportRunResult member = await Server.RunMemberJobAsync(importId, club.MemberId, Cancel);
        Assert.Equal(("running", FilesEach), (member.State, member.Processed));
        Assert.Equal(FilesEach, await ActivitiesOfAsync(club.MemberId));
        // The member's files are all stored: their scoring job is enqueued now, while the import still runs.
        Assert.Equal((1, 0), (await ScoringJobsOfAsync(club.MemberId), await ScoringJobsOfAsync(club.ManagedId)));

        ImportRunResult again = await Server.RunMemberJobAsync(importId, club.MemberId, Cancel); // a redelivered job
        Assert.Equal(("running", 0), (again.State, again.Processed));
        Assert.Equal(1, await ScoringJobsOfAsync(club.MemberId)); // stored nothing, released nothing

        ImportRunResult last = await Server.RunMemberJobAsync(importId, club.ManagedId, Cancel);
        Assert.Equal(("completed-with-errors", FilesEach + 1), (last.State, last.Processed));

        JsonElement import = await Server.GetImportAsync(club.AdminKey, club.Id, importId);
        Assert.Equal("completed-with-errors", import.GetProperty("state").GetString());
        AssertCounts(import, seen: (2 * FilesEach) + 2, imported: 2 * FilesEach, duplicates: 0, skipped: 1, failed: 1);
        Assert.Equal("unsupported-type", Problem(import, "notes.txt").GetProperty("code").GetString());
        Assert.NotEqual("unknown-member", Problem(import, "broken.fit").GetProperty("code").GetString()); // failed as a file, by its member's job
        Assert.Equal(FilesEach, await ActivitiesOfAsync(club.MemberId));
        Assert.Equal(FilesEach, await ActivitiesOfAsync(club.ManagedId));
        Assert.False(Directory.Exists(SpoolPath(importId)));
        Assert.False(File.Exists(Path.Combine(Server.StorageDirectory, $"{importId:N}.zip")));

        // Rescoring: one job per member for the whole import, each enqueued by the member's own job; the finish adds none.
        Assert.Equal(2, await Server.ScalarAsync(
            "SELECT count(*) FROM hangfire.job WHERE invocationdata::text LIKE '%ScoreRunnerJob%' AND (arguments::text LIKE '%' || $1 || '%' OR arguments::text LIKE '%' || $2 || '%')",
            club.MemberId.ToString(), club.ManagedId.ToString()));

        // Nothing runs twice once finished.
        Assert.False((await Server.RunMemberJobAsync(importId, club.ManagedId, Cancel)).Ran);
        Assert.False((await Server.RunJobAsync(importId, Cancel)).Ran);
        Assert.Equal((2 * FilesEach) + 2, await EntriesAsync(importId));
    }

    [Fact]
    public async Task The_sweeper_leaves_a_running_imports_members_to_the_import_and_takes_them_after_it()
    {
        TestClub club = await ClubAsync("fanout-sweep");
        Guid importId = await StartAsync(club.AdminKey, club.Id, TwoMembers(club, FilesEach));
        await Server.RunJobAsync(importId, Cancel);
        long before = await ScoringJobsOfAsync(club.MemberId);
        await Server.RunMemberJobAsync(importId, club.MemberId, Cancel);
        Assert.Equal(before + 1, await ScoringJobsOfAsync(club.MemberId)); // the member's one rescoring, from its own job
        // As if the member's files had been stored three minutes ago (their scoring job not run yet) and the import
        // were still busy with the other member.
        await Server.ScalarAsync("UPDATE runrecovery.runner_scoring SET requested_at = now() - interval '3 minutes' WHERE runner_id = $1", club.MemberId);
        await Server.ScalarAsync("UPDATE runrecovery.activities SET uploaded_at = now() - interval '3 minutes' WHERE runner_id = $1", club.MemberId);

        await SweepAsync();
        Assert.Equal(before + 1, await ScoringJobsOfAsync(club.MemberId)); // a running import's member: not scored twice

        ImportRunResult last = await Server.RunMemberJobAsync(importId, club.ManagedId, Cancel);
        Assert.Equal("completed", last.State);
        Assert.Equal(before + 1, await ScoringJobsOfAsync(club.MemberId)); // the finish leaves the member to its job

        await SweepAsync(); // the import has ended: a request nobody scored is the sweeper's again
        Assert.Equal(before + 2, await ScoringJobsOfAsync(club.MemberId));
    }

    private async Task SweepAsync()
    {
        await using AsyncServiceScope scope = Server.Service.App.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ISender>().Send(new SweepUnscored(), Cancel);
    }

    private Task<long> ScoringJobsOfAsync(Guid runnerId) => Server.ScalarAsync(
        "SELECT count(*) FROM hangfire.job WHERE invocationdata::text LIKE '%ScoreRunnerJob%' AND arguments::text LIKE '%' || $1 || '%'",
        runnerId.ToString());

    [Fact]
    public async Task A_member_job_killed_in_the_middle_of_a_file_is_finished_by_another_host_without_doubles()
    {
        TestClub club = await ClubAsync("fanout-kill");
        Guid importId = await StartAsync(club.AdminKey, club.Id, TwoMembers(club, FilesEach));
        await Server.RunJobAsync(importId, Cancel);
        ImportSpool.Item third = ImportSpool.ReadIndex(SegmentPath(importId, club.ManagedId)).ElementAt(2);

        using var kill = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        await using (NpgsqlConnection hold = await HoldEntryAsync(importId, third.Ordinal))
        {
            // The third file's entry row waits on the test's uncommitted row with the same key, inside the file's transaction.
            Task<ImportRunResult> run = Server.RunMemberJobAsync(importId, club.ManagedId, kill.Token);
            await WaitUntilBlockedAsync(importId, run, 2);
            kill.Cancel(); // the worker dies in the middle of the third file
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        }

        Assert.Equal(2, await ActivitiesOfAsync(club.ManagedId)); // the third file's activity rolled back with its row
        Assert.Equal(2, await EntriesAsync(importId));

        (RunRecoveryService other, HttpClient otherClient) = await ApiServer.StartAsync(Server.ConnectionString, ServiceRole.Api, Server.SharedSettings, Cancel);
        await using (other)
        using (otherClient)
        {
            ImportRunResult redone = await Server.RunMemberJobAsync(importId, club.ManagedId, Cancel, on: other);
            Assert.Equal(("running", FilesEach - 2), (redone.State, redone.Processed));
            ImportRunResult last = await Server.RunMemberJobAsync(importId, club.MemberId, Cancel, on: other);
            Assert.Equal(("completed", FilesEach), (last.State, last.Processed));
        }

        JsonElement import = await Server.GetImportAsync(club.AdminKey, club.Id, importId);
        AssertCounts(import, seen: 2 * FilesEach, imported: 2 * FilesEach, duplicates: 0, skipped: 0, failed: 0);
        Assert.Equal(FilesEach, await ActivitiesOfAsync(club.ManagedId));
        Assert.Equal(FilesEach, await Server.ScalarAsync("SELECT count(DISTINCT sha256) FROM runrecovery.activities WHERE runner_id = $1", club.ManagedId));
        Assert.Equal(2 * FilesEach, await Server.ScalarAsync(
            "SELECT count(DISTINCT ordinal) FROM runrecovery.club_import_entries WHERE import_id = $1 AND outcome = 'imported'", importId));
    }

    [Fact]
    public async Task Two_worker_hosts_share_one_import_and_every_file_is_stored_once()
    {
        TestClub club = await ClubAsync("fanout-workers");
        var members = new List<(Guid RunnerId, string Folder)> { (club.MemberId, club.MemberEmail), (club.ManagedId, club.ManagedExternalId) };
        for (int m = 0; m < 4; m++)
        {
            JsonElement added = await Api.AddManagedAsync(club.AdminKey, club.Id, $"Extra {m}", externalId: $"fanout-workers-X{m}");
            members.Add((added.GetProperty("runnerId").GetGuid(), $"fanout-workers-X{m}"));
        }

        var archive = new ClubArchive();
        foreach ((_, string folder) in members)
        {
            for (int i = 0; i < 3; i++)
            {
                archive.Add($"{folder}/{i}.fit", ClubArchive.Fit(i));
            }
        }

        await using WorkerHosts workers = await StartTwoWorkersAsync("fanout-test");

        Guid importId = await StartAsync(club.AdminKey, club.Id, archive.Build());
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        deadline.CancelAfter(TimeSpan.FromSeconds(120));
        JsonElement import = await CompletedAsync(club.AdminKey, club.Id, importId, deadline.Token);

        AssertCounts(import, seen: 3 * members.Count, imported: 3 * members.Count, duplicates: 0, skipped: 0, failed: 0);
        foreach ((Guid runnerId, _) in members)
        {
            Assert.Equal(3, await ActivitiesOfAsync(runnerId));
        }

        Assert.Equal(members.Count, await MemberJobsAsync(importId));

        // The last member job completes the import from inside its handler; Hangfire records it as Succeeded only
        // after the handler returns, so wait for that state instead of reading it at once.
        const string succeeded =
            "SELECT count(*) FROM hangfire.job WHERE invocationdata::text LIKE '%ImportMemberJob%' AND arguments::text LIKE '%' || $1 || '%' AND statename = 'Succeeded'";
        while (await Server.ScalarAsync(succeeded, importId.ToString()) < members.Count)
        {
            await Task.Delay(100, deadline.Token);
        }

        Assert.Equal(members.Count, await Server.ScalarAsync(succeeded, importId.ToString()));
    }

    [Fact]
    public async Task A_member_is_handed_out_and_stored_while_the_expansion_is_still_going_on()
    {
        TestClub club = await ClubAsync("fanout-overlap");
        Guid importId = await StartAsync(club.AdminKey, club.Id, TwoMembers(club, FilesEach)); // one member's folder, then the other's
        Task<ImportRunResult> walk, first;
        await using (NpgsqlConnection hold = await HoldJobQueueAsync())
        {
            // The walk reaches the second member's first file, completes the first member's segment and blocks
            // enqueueing their job: it has not expanded the second member yet.
            // On a worker thread, as Hangfire runs it: the blocked enqueue is synchronous and would otherwise hold the
            // test's own thread, which must release the lock (a quiet machine ran the walk up to it without yielding).
            walk = Task.Run(() => Server.RunJobAsync(importId, Cancel), Cancel);
            await WaitUntilWaitingAsync(walk);
            Assert.True(File.Exists(SegmentPath(importId, club.MemberId)));
            Assert.False(File.Exists(SegmentPath(importId, club.ManagedId)));
            Assert.False(ImportSpool.IsSealed(SpoolPath(importId)));

            // The first member's files are stored meanwhile: their job does not wait for the walk. (Once they are
            // stored it enqueues the member's scoring job, which waits for the held queue like the walk's enqueue.)
            Task<ImportRunResult> firstRun = Task.Run(() => Server.RunMemberJobAsync(importId, club.MemberId, Cancel), Cancel);
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
            deadline.CancelAfter(TimeSpan.FromSeconds(60));
            while (await ActivitiesOfAsync(club.MemberId) < FilesEach)
            {
                Assert.False(firstRun.IsCompleted, "the member job ended before storing its files");
                await Task.Delay(20, deadline.Token);
            }

            Assert.Equal(FilesEach, await ActivitiesOfAsync(club.MemberId));
            Assert.False(walk.IsCompleted);
            first = firstRun;
        }

        ImportRunResult stored = await first;
        Assert.Equal(("running", FilesEach), (stored.State, stored.Processed)); // and it did not finish the import
        ImportRunResult expanded = await walk;
        Assert.Equal("running", expanded.State);
        Assert.True(ImportSpool.IsSealed(SpoolPath(importId)));
        Assert.Equal([club.MemberId, club.ManagedId], await Server.MemberJobsEnqueuedAsync(importId, 0)); // each member handed out once

        ImportRunResult last = await Server.RunMemberJobAsync(importId, club.ManagedId, Cancel);
        Assert.Equal(("completed", FilesEach), (last.State, last.Processed));
        AssertCounts(await Server.GetImportAsync(club.AdminKey, club.Id, importId), seen: 2 * FilesEach, imported: 2 * FilesEach, duplicates: 0, skipped: 0, failed: 0);
    }

    [Fact]
    public async Task An_import_job_killed_between_members_is_continued_and_the_restart_hands_out_only_members_not_done()
    {
        TestClub club = await ClubAsync("fanout-walk-kill");
        Guid importId = await StartAsync(club.AdminKey, club.Id, TwoMembers(club, FilesEach));
        using var kill = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        Task<ImportRunResult> walk;
        await using (NpgsqlConnection hold = await HoldJobQueueAsync())
        {
            walk = Task.Run(() => Server.RunJobAsync(importId, kill.Token), Cancel); // on a worker thread, as above
            await WaitUntilWaitingAsync(walk);
            kill.Cancel(); // the worker dies between the first member and the second
        }

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => walk);
        Assert.True(File.Exists(SegmentPath(importId, club.MemberId))); // whole, and its job enqueued
        Assert.False(ImportSpool.IsSealed(SpoolPath(importId)));

        // What a kill -9 leaves behind and a cancelled run does not: the next member's segment, half written.
        await File.WriteAllBytesAsync(SegmentPath(importId, club.ManagedId) + ".partial", [1, 2, 3], Cancel);

        ImportRunResult first = await Server.RunMemberJobAsync(importId, club.MemberId, Cancel); // on another worker meanwhile
        Assert.Equal(("running", FilesEach), (first.State, first.Processed));

        // Hangfire's retry (or resume-stalled-imports): the walk keeps the first member's segment and hands out only
        // the member whose files are not stored.
        long before = await Server.ScalarAsync("SELECT coalesce(max(id), 0) FROM hangfire.job");
        ImportRunResult again = await Server.RunJobAsync(importId, Cancel);
        Assert.Equal("running", again.State);
        Assert.Equal([club.ManagedId], await Server.MemberJobsEnqueuedAsync(importId, before));
        Assert.False(File.Exists(SegmentPath(importId, club.ManagedId) + ".partial"));

        ImportRunResult last = await Server.RunMemberJobAsync(importId, club.ManagedId, Cancel);
        Assert.Equal(("completed", FilesEach), (last.State, last.Processed));
        Assert.False((await Server.RunMemberJobAsync(importId, club.MemberId, Cancel)).Ran); // the first job again, redelivered: nothing

        AssertCounts(await Server.GetImportAsync(club.AdminKey, club.Id, importId), seen: 2 * FilesEach, imported: 2 * FilesEach, duplicates: 0, skipped: 0, failed: 0);
        Assert.Equal(FilesEach, await ActivitiesOfAsync(club.MemberId));
        Assert.Equal(FilesEach, await ActivitiesOfAsync(club.ManagedId));
        Assert.Equal(2 * FilesEach, await Server.ScalarAsync(
            "SELECT count(DISTINCT ordinal) FROM runrecovery.club_import_entries WHERE import_id = $1 AND outcome = 'imported'", importId));
        Assert.False(Directory.Exists(SpoolPath(importId)));
    }

    /// <summary>Blocks every Hangfire enqueue (the insert into the queue table) until disposed.</summary>
    private async Task<NpgsqlConnection> HoldJobQueueAsync()
    {
        var connection = new NpgsqlConnection(Server.ConnectionString);
        await connection.OpenAsync(Cancel);
        await using var command = new NpgsqlCommand("BEGIN; LOCK TABLE hangfire.jobqueue IN EXCLUSIVE MODE;", connection);
        await command.ExecuteNonQueryAsync(Cancel);
        return connection; // disposing the connection ends the transaction and the lock
    }

    /// <summary>Waits (bounded) until a session of this database waits on a lock while <paramref name="running"/> goes on.</summary>
    private async Task WaitUntilWaitingAsync(Task running)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        deadline.CancelAfter(TimeSpan.FromSeconds(60));
        while (await Server.ScalarAsync("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'") == 0)
        {
            Assert.False(running.IsCompleted, "the job ended before it reached the held lock");
            await Task.Delay(20, deadline.Token);
        }
    }

    private string SpoolPath(Guid importId) => Path.Combine(Server.StorageDirectory, $"{importId:N}.spool");

    private string SegmentPath(Guid importId, Guid runnerId) => ImportSpool.SegmentPath(SpoolPath(importId), runnerId);

    private Task<long> EntriesAsync(Guid importId) =>
        Server.ScalarAsync("SELECT count(*) FROM runrecovery.club_import_entries WHERE import_id = $1", importId);

    private Task<long> MemberJobsAsync(Guid importId) =>
        Server.ScalarAsync("SELECT count(*) FROM hangfire.job WHERE invocationdata::text LIKE '%ImportMemberJob%' AND arguments::text LIKE '%' || $1 || '%'", importId.ToString());
}
