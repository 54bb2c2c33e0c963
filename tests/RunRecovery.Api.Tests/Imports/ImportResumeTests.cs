using System.Net;
using System.Text.Json;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using RunRecovery.Api.Tests.Infrastructure;
using RunRecovery.Application.Imports.Process;

namespace RunRecovery.Api.Tests.Imports;

/// <summary>
/// Cancellation and crash-resume. The job is stopped at a known point: the test holds the row lock on the second
/// member's scoring row, so the job imports the first member's files and then waits there until released.
/// </summary>
public sealed class ImportResumeTests(ImportServer server) : ImportTestBase(server), IClassFixture<ImportServer>
{
    private const int FilesEach = 5;

    [Fact]
    public async Task Job_killed_midway_continues_where_it_stopped_without_importing_anything_twice()
    {
        TestClub club = await ClubAsync("resume");
        Guid importId = await StartAsync(club.AdminKey, club.Id, TwoMembers(club, FilesEach));

        using var kill = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        await using (await BlockAsync(club.ManagedId))
        {
            Task<Application.Imports.Process.ImportRunResult> run = Server.RunJobAsync(importId, kill.Token);
            await WaitUntilBlockedAsync(importId, run, FilesEach);
            kill.Cancel(); // the worker dies in the middle of the second member's first file
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        }

        JsonElement halfway = await Server.GetImportAsync(club.AdminKey, club.Id, importId);
        Assert.Equal("running", halfway.GetProperty("state").GetString());
        AssertCounts(halfway, seen: FilesEach, imported: FilesEach, duplicates: 0, skipped: 0, failed: 0);
        Assert.Equal(0, await ActivitiesOfAsync(club.ManagedId)); // the interrupted file's transaction rolled back

        Application.Imports.Process.ImportRunResult resumed = await Server.RunJobAsync(importId, Cancel);

        Assert.Equal(FilesEach, resumed.Processed);
        JsonElement done = await Server.GetImportAsync(club.AdminKey, club.Id, importId);
        Assert.Equal("completed", done.GetProperty("state").GetString());
        Assert.Equal(2, done.GetProperty("attempts").GetInt32());
        AssertCounts(done, seen: 2 * FilesEach, imported: 2 * FilesEach, duplicates: 0, skipped: 0, failed: 0);
        Assert.Equal(FilesEach, await ActivitiesOfAsync(club.MemberId));
        Assert.Equal(FilesEach, await ActivitiesOfAsync(club.ManagedId));
        Assert.Equal(2 * FilesEach, await Server.ScalarAsync("SELECT count(DISTINCT ordinal) FROM runrecovery.club_import_entries WHERE import_id = $1", importId));

        // Rescoring is coalesced: one scoring job per member for the whole import, none per file.
        Assert.Equal(2, await Server.ScalarAsync(
            "SELECT count(*) FROM hangfire.job WHERE invocationdata::text LIKE '%ScoreRunnerJob%' AND (arguments::text LIKE '%' || $1 || '%' OR arguments::text LIKE '%' || $2 || '%')",
            club.MemberId.ToString(), club.ManagedId.ToString()));

        // Running the finished import again changes nothing.
        Assert.False((await Server.RunJobAsync(importId, Cancel)).Ran);
        Assert.Equal(2 * FilesEach, await Server.ScalarAsync("SELECT count(*) FROM runrecovery.club_import_entries WHERE import_id = $1", importId));
    }

    [Fact]
    public async Task Delete_stops_a_running_import_between_two_files_and_keeps_what_it_imported()
    {
        TestClub club = await ClubAsync("cancel");
        Guid importId = await StartAsync(club.AdminKey, club.Id, TwoMembers(club, FilesEach));

        Task<Application.Imports.Process.ImportRunResult> run;
        await using (await BlockAsync(club.ManagedId))
        {
            run = Server.RunJobAsync(importId, Cancel);
            await WaitUntilBlockedAsync(importId, run, FilesEach);
            using HttpResponseMessage cancel = await Api.SendAsync(HttpMethod.Delete, $"/api/clubs/{club.Id}/imports/{importId}", club.AdminKey);
            Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        }

        Assert.Equal("cancelled", (await run).State);
        JsonElement import = await Server.GetImportAsync(club.AdminKey, club.Id, importId);
        Assert.Equal("cancelled", import.GetProperty("state").GetString());
        // No file is started once the cancel is seen: the second member's first file may or may not have been under way.
        int seen = import.GetProperty("counts").GetProperty("seen").GetInt32();
        Assert.InRange(seen, FilesEach, FilesEach + 1);
        AssertCounts(import, seen: seen, imported: seen, duplicates: 0, skipped: 0, failed: 0);
        Assert.Equal(seen, await Server.ScalarAsync(
            "SELECT count(*) FROM runrecovery.activities WHERE runner_id = ANY($1)", new[] { club.MemberId, club.ManagedId }));
        Assert.False(File.Exists(Path.Combine(Server.StorageDirectory, $"{importId:N}.zip")));
    }

    [Fact]
    public async Task Sweeper_re_enqueues_an_import_whose_worker_went_quiet_and_the_run_finishes_it()
    {
        TestClub club = await ClubAsync("stalled");
        Guid importId = await StartAsync(club.AdminKey, club.Id, TwoMembers(club, 2));
        await Server.ScalarAsync(
            "WITH u AS (UPDATE runrecovery.club_imports SET state = 'running', heartbeat_at = now() - interval '10 minutes' WHERE id = $1 RETURNING 1) SELECT count(*) FROM u",
            importId);
        long jobsBefore = await Server.ScalarAsync("SELECT count(*) FROM hangfire.job WHERE invocationdata::text LIKE '%RunClubImportJob%'");

        int resumed;
        await using (AsyncServiceScope scope = Server.Service.App.Services.CreateAsyncScope())
        {
            resumed = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new ResumeStalledImports(), Cancel);
        }

        Assert.Equal(1, resumed);
        Assert.Equal(jobsBefore + 1, await Server.ScalarAsync("SELECT count(*) FROM hangfire.job WHERE invocationdata::text LIKE '%RunClubImportJob%'"));
        await Server.RunJobAsync(importId, Cancel);
        JsonElement import = await Server.GetImportAsync(club.AdminKey, club.Id, importId);
        Assert.Equal("completed", import.GetProperty("state").GetString());
        AssertCounts(import, seen: 4, imported: 4, duplicates: 0, skipped: 0, failed: 0);
    }

    [Fact]
    public async Task Delete_cancels_a_queued_import_before_it_starts()
    {
        TestClub club = await ClubAsync("queued");
        Guid importId = await StartAsync(club.AdminKey, club.Id, TwoMembers(club, FilesEach));

        using HttpResponseMessage cancel = await Api.SendAsync(HttpMethod.Delete, $"/api/clubs/{club.Id}/imports/{importId}", club.AdminKey);
        Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        Assert.False((await Server.RunJobAsync(importId, Cancel)).Ran);

        JsonElement import = await Server.GetImportAsync(club.AdminKey, club.Id, importId);
        Assert.Equal("cancelled", import.GetProperty("state").GetString());
        AssertCounts(import, seen: 0, imported: 0, duplicates: 0, skipped: 0, failed: 0);
        Assert.Equal(0, await ActivitiesOfAsync(club.MemberId));
        Assert.False(File.Exists(Path.Combine(Server.StorageDirectory, $"{importId:N}.zip")));
    }

    [Fact]
    public async Task Members_cannot_import_or_follow_imports_and_other_clubs_admins_see_nothing()
    {
        TestClub club = await ClubAsync("authz-imports");
        Guid importId = await StartAsync(club.AdminKey, club.Id, TwoMembers(club, FilesEach));
        (_, string otherAdmin) = await Api.CreateRunnerAsync("authz-imports-other@example.org");
        Guid otherClub = await Api.CreateClubAsync(otherAdmin, "Other club");

        using (HttpResponseMessage upload = await Server.UploadAsync(club.MemberKey, club.Id, TwoMembers(club, FilesEach)))
        {
            await upload.ReadProblemAsync(HttpStatusCode.Forbidden);
        }

        using (HttpResponseMessage read = await Api.SendAsync(HttpMethod.Get, $"/api/clubs/{club.Id}/imports/{importId}", club.MemberKey))
        {
            await read.ReadProblemAsync(HttpStatusCode.Forbidden);
        }

        using (HttpResponseMessage upload = await Server.UploadAsync(otherAdmin, club.Id, TwoMembers(club, FilesEach)))
        {
            await upload.ReadProblemAsync(HttpStatusCode.NotFound);
        }

        using (HttpResponseMessage read = await Api.SendAsync(HttpMethod.Get, $"/api/clubs/{club.Id}/imports/{importId}", otherAdmin))
        {
            await read.ReadProblemAsync(HttpStatusCode.NotFound);
        }

        using (HttpResponseMessage viaOwnClub = await Api.SendAsync(HttpMethod.Get, $"/api/clubs/{otherClub}/imports/{importId}", otherAdmin))
        {
            await viaOwnClub.ReadProblemAsync(HttpStatusCode.NotFound); // their own club id does not open another club's import
        }

        using (HttpResponseMessage cancel = await Api.SendAsync(HttpMethod.Delete, $"/api/clubs/{otherClub}/imports/{importId}", otherAdmin))
        {
            await cancel.ReadProblemAsync(HttpStatusCode.NotFound);
        }

        Assert.Equal(1, await Server.ScalarAsync("SELECT count(*) FROM runrecovery.club_imports"
            + " WHERE club_id = $1 AND state = 'queued'", club.Id));
    }
}
