using System.Net;
using System.Text.Json;
using Npgsql;
using RunRecovery.Api.Hosting;
using RunRecovery.Api.Tests.Infrastructure;
using RunRecovery.Application.Imports.Process;

namespace RunRecovery.Api.Tests.Imports;

/// <summary>
/// A member's files split into member jobs of at most <see cref="RangedFanOutImportServer.MemberJobFiles"/> files
/// (<c>RunRecovery:Imports:MemberJobFiles</c>), so one member's files spread over the workers: every file is still
/// stored once, and the member's scoring is released once, after the last of their files has its row, whichever job
/// stores it.
/// </summary>
public sealed class ImportMemberRangeTests(RangedFanOutImportServer server) : ImportTestBase(server), IClassFixture<RangedFanOutImportServer>
{
    private const int FilesEach = 5; // ranges of 2, 2 and 1 files

    [Fact]
    public async Task A_members_files_go_to_several_jobs_and_the_one_that_stores_the_last_file_releases_the_scoring_once()
    {
        TestClub club = await ClubAsync("ranges");
        Guid importId = await StartAsync(club.AdminKey, club.Id, TwoMembers(club, FilesEach));
        long before = await Server.ScalarAsync("SELECT coalesce(max(id), 0) FROM hangfire.job");
        await Server.RunJobAsync(importId, Cancel);

        List<ImportMember> jobs = await Server.MemberRangesEnqueuedAsync(importId, before);
        // Interleaved (MemberJobsInterleaved, 8: both members in one group): each member's first job, then each second one,
        // so the jobs workers take at once are different members', which do not wait on each other's row lock.
        Assert.Equal(
            [(club.MemberId, 0, 2), (club.ManagedId, 0, 2), (club.MemberId, 2, 2), (club.ManagedId, 2, 2), (club.MemberId, 4, 1), (club.ManagedId, 4, 1)],
            jobs.Select(job => (job.RunnerId, job.First, job.Count)));
        ImportMember[] member = [.. jobs.Where(job => job.RunnerId == club.MemberId)];
        ImportMember[] managed = [.. jobs.Where(job => job.RunnerId == club.ManagedId)];

        // The member's jobs out of order, as several workers may run them; one redelivered.
        Assert.Equal(("running", 1), Outcome(await Server.RunMemberJobAsync(member[2], Cancel)));
        Assert.Equal(("running", 2), Outcome(await Server.RunMemberJobAsync(member[1], Cancel)));
        Assert.Equal(("running", 0), Outcome(await Server.RunMemberJobAsync(member[2], Cancel))); // redelivered: stores nothing
        Assert.Equal(0, await ScoringJobsOfAsync(club.MemberId)); // two of the member's files still without rows: not yet
        Assert.Equal(3, await ActivitiesOfAsync(club.MemberId));

        Assert.Equal(("running", 2), Outcome(await Server.RunMemberJobAsync(member[0], Cancel)));
        Assert.Equal(1, await ScoringJobsOfAsync(club.MemberId)); // released by the job that stored the member's last file
        Assert.Equal(("running", 0), Outcome(await Server.RunMemberJobAsync(member[0], Cancel)));
        Assert.Equal(("running", 0), Outcome(await Server.RunMemberJobAsync(member[1], Cancel)));
        Assert.Equal(1, await ScoringJobsOfAsync(club.MemberId)); // redelivered jobs released nothing more

        // The other member's jobs at once, on one host: their files are stored once and one of them finishes.
        ImportRunResult[] results = await Task.WhenAll(managed.Select(job => Server.RunMemberJobAsync(job, Cancel)));
        Assert.Equal(FilesEach, results.Sum(result => result.Processed));
        Assert.Single(results, result => result.State == "completed");
        Assert.Equal((1L, 1L), (await ScoringJobsOfAsync(club.MemberId), await ScoringJobsOfAsync(club.ManagedId))); // the finish added none

        AssertCounts(await Server.GetImportAsync(club.AdminKey, club.Id, importId), seen: 2 * FilesEach, imported: 2 * FilesEach, duplicates: 0, skipped: 0, failed: 0);
        await AssertStoredOnceAsync(importId, club);
        Assert.False((await Server.RunMemberJobAsync(member[0], Cancel)).Ran);
    }

    [Fact]
    public async Task A_job_killed_in_the_middle_of_a_file_is_redone_on_another_host_and_only_then_is_the_member_released()
    {
        TestClub club = await ClubAsync("ranges-kill");
        Guid importId = await StartAsync(club.AdminKey, club.Id, TwoMembers(club, FilesEach));
        long before = await Server.ScalarAsync("SELECT coalesce(max(id), 0) FROM hangfire.job");
        await Server.RunJobAsync(importId, Cancel);
        List<ImportMember> jobs = await Server.MemberRangesEnqueuedAsync(importId, before);
        ImportMember[] member = [.. jobs.Where(job => job.RunnerId == club.MemberId)];
        ImportSpool.Item second = ImportSpool.ReadIndex(SegmentPath(importId, club.MemberId))[1];

        using var kill = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        await using (NpgsqlConnection hold = await HoldEntryAsync(importId, second.Ordinal))
        {
            // The member's second file (in the first job) waits on the test's uncommitted row with the same key.
            Task<ImportRunResult> run = Server.RunMemberJobAsync(member[0], kill.Token);
            await WaitUntilBlockedAsync(importId, run, 1);
            kill.Cancel(); // the worker dies in the middle of that file
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        }

        Assert.Equal(1, await ActivitiesOfAsync(club.MemberId));
        Assert.Equal(("running", 2), Outcome(await Server.RunMemberJobAsync(member[1], Cancel)));
        Assert.Equal(("running", 1), Outcome(await Server.RunMemberJobAsync(member[2], Cancel)));
        Assert.Equal(0, await ScoringJobsOfAsync(club.MemberId)); // the killed job's file has no row yet

        (RunRecoveryService other, HttpClient otherClient) = await ApiServer.StartAsync(Server.ConnectionString, ServiceRole.Api, Server.SharedSettings, Cancel);
        await using (other)
        using (otherClient)
        {
            Assert.Equal(("running", 1), Outcome(await Server.RunMemberJobAsync(member[0], Cancel, on: other))); // redelivered
            Assert.Equal(1, await ScoringJobsOfAsync(club.MemberId));
            foreach (ImportMember job in jobs.Where(job => job.RunnerId == club.ManagedId))
            {
                await Server.RunMemberJobAsync(job, Cancel, on: other);
            }
        }

        JsonElement import = await Server.GetImportAsync(club.AdminKey, club.Id, importId);
        Assert.Equal("completed", import.GetProperty("state").GetString());
        AssertCounts(import, seen: 2 * FilesEach, imported: 2 * FilesEach, duplicates: 0, skipped: 0, failed: 0);
        await AssertStoredOnceAsync(importId, club);
        Assert.Equal((1L, 1L), (await ScoringJobsOfAsync(club.MemberId), await ScoringJobsOfAsync(club.ManagedId)));
    }

    [Fact]
    public async Task A_cancel_stops_the_members_other_jobs_and_the_finish_releases_the_member_once()
    {
        TestClub club = await ClubAsync("ranges-cancel");
        Guid importId = await StartAsync(club.AdminKey, club.Id, TwoMembers(club, FilesEach));
        long before = await Server.ScalarAsync("SELECT coalesce(max(id), 0) FROM hangfire.job");
        await Server.RunJobAsync(importId, Cancel);
        ImportMember[] member = [.. (await Server.MemberRangesEnqueuedAsync(importId, before)).Where(job => job.RunnerId == club.MemberId)];
        Assert.Equal(("running", 2), Outcome(await Server.RunMemberJobAsync(member[0], Cancel)));

        using (HttpResponseMessage cancel = await Api.SendAsync(HttpMethod.Delete, $"/api/clubs/{club.Id}/imports/{importId}", club.AdminKey))
        {
            Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        }

        Assert.Equal(("cancelled", 0), Outcome(await Server.RunMemberJobAsync(member[1], Cancel))); // starts no file, ends the import
        Assert.False((await Server.RunMemberJobAsync(member[2], Cancel)).Ran);
        Assert.Equal(2, await ActivitiesOfAsync(club.MemberId));
        Assert.Equal(0, await ActivitiesOfAsync(club.ManagedId));
        // The member's stored files are scored once (by the finish: no job of theirs saw every file stored); the other
        // member had none stored.
        Assert.Equal((1L, 0L), (await ScoringJobsOfAsync(club.MemberId), await ScoringJobsOfAsync(club.ManagedId)));
        Assert.Equal("cancelled", (await Server.GetImportAsync(club.AdminKey, club.Id, importId)).GetProperty("state").GetString());
    }

    [Fact]
    public async Task Two_worker_hosts_share_one_members_jobs_and_every_member_is_stored_and_scored_once()
    {
        TestClub club = await ClubAsync("ranges-workers");
        var archive = new ClubArchive();
        for (int i = 0; i < 9; i++)
        {
            archive.Add($"{club.MemberEmail}/{i}.fit", ClubArchive.Fit(i));
        }

        for (int i = 0; i < 3; i++)
        {
            archive.Add($"{club.ManagedExternalId}/{i}.gpx", ClubArchive.Gpx(i));
        }

        await using WorkerHosts workers = await StartTwoWorkersAsync("ranges-test");

        Guid importId = await StartAsync(club.AdminKey, club.Id, archive.Build());
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        deadline.CancelAfter(TimeSpan.FromSeconds(120));
        JsonElement import = await CompletedAsync(club.AdminKey, club.Id, importId, deadline.Token);

        AssertCounts(import, seen: 12, imported: 12, duplicates: 0, skipped: 0, failed: 0);
        Assert.Equal((9L, 3L), (await ActivitiesOfAsync(club.MemberId), await ActivitiesOfAsync(club.ManagedId)));
        Assert.Equal(5 + 2, await Server.ScalarAsync(
            "SELECT count(*) FROM hangfire.job WHERE invocationdata::text LIKE '%ImportMemberJob%' AND arguments::text LIKE '%' || $1 || '%'", importId.ToString()));

        // Each member recomputed exactly once for the whole import, as the scale-out bench checks.
        const string scored = "SELECT count(*) FROM runrecovery.runner_scoring WHERE runner_id IN ($1, $2) AND recomputes = 1 AND NOT job_pending";
        while (await Server.ScalarAsync(scored, club.MemberId, club.ManagedId) < 2)
        {
            await Task.Delay(100, deadline.Token);
        }

        await Task.Delay(500, deadline.Token); // a doubled scoring job would run by now
        Assert.Equal(2, await Server.ScalarAsync("SELECT count(*) FROM runrecovery.runner_scoring WHERE runner_id IN ($1, $2) AND recomputes = 1", club.MemberId, club.ManagedId));
        Assert.Equal((1L, 1L), (await ScoringJobsOfAsync(club.MemberId), await ScoringJobsOfAsync(club.ManagedId)));
    }

    private static (string State, int Processed) Outcome(ImportRunResult result) => (result.State, result.Processed);

    private async Task AssertStoredOnceAsync(Guid importId, TestClub club)
    {
        Assert.Equal((long)FilesEach, await ActivitiesOfAsync(club.MemberId));
        Assert.Equal((long)FilesEach, await ActivitiesOfAsync(club.ManagedId));
        Assert.Equal(2L * FilesEach, await Server.ScalarAsync(
            "SELECT count(DISTINCT sha256) FROM runrecovery.activities WHERE runner_id IN ($1, $2)", club.MemberId, club.ManagedId));
        Assert.Equal(2L * FilesEach, await Server.ScalarAsync(
            "SELECT count(DISTINCT ordinal) FROM runrecovery.club_import_entries WHERE import_id = $1 AND outcome = 'imported'", importId));
    }

    private Task<long> ScoringJobsOfAsync(Guid runnerId) => Server.ScalarAsync(
        "SELECT count(*) FROM hangfire.job WHERE invocationdata::text LIKE '%ScoreRunnerJob%' AND arguments::text LIKE '%' || $1 || '%'",
        runnerId.ToString());

    private string SegmentPath(Guid importId, Guid runnerId) =>
        ImportSpool.SegmentPath(Path.Combine(Server.StorageDirectory, $"{importId:N}.spool"), runnerId);
}
