using System.Text.Json;
using RunRecovery.Api.Tests.Infrastructure;

namespace RunRecovery.Api.Tests.Imports;

/// <summary>
/// The service (with its Hangfire worker) stopped in the middle of a single-job import and started again; the
/// fanned-out import's version of this is in <see cref="ImportFanOutTests"/>.
/// </summary>
public sealed class ImportRestartTests(HangfireSingleJobImportServer server) : ImportTestBase(server), IClassFixture<HangfireSingleJobImportServer>
{
    private const int FilesEach = 5;

    [Fact]
    public async Task Import_survives_a_restart_of_the_service_midway()
    {
        TestClub club = await ClubAsync("restart");
        Guid importId;
        await using (await BlockAsync(club.ManagedId))
        {
            importId = await StartAsync(club.AdminKey, club.Id, TwoMembers(club, FilesEach));
            await WaitUntilBlockedAsync(importId, Task.Delay(Timeout.Infinite, Cancel), FilesEach);
            await Server.StopAsync(); // the worker goes down while the job is in the middle of a file
        }

        Assert.Equal(FilesEach, await Server.ScalarAsync("SELECT count(*) FROM runrecovery.club_import_entries WHERE import_id = $1", importId));
        Assert.Equal(0, await ActivitiesOfAsync(club.ManagedId));

        await Server.StartAsync();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        deadline.CancelAfter(TimeSpan.FromSeconds(90));
        JsonElement import;
        while ((import = await Server.GetImportAsync(club.AdminKey, club.Id, importId)).GetProperty("state").GetString() != "completed")
        {
            await Task.Delay(100, deadline.Token);
        }

        AssertCounts(import, seen: 2 * FilesEach, imported: 2 * FilesEach, duplicates: 0, skipped: 0, failed: 0);
        Assert.True(import.GetProperty("attempts").GetInt32() >= 2);
        Assert.Equal(FilesEach, await ActivitiesOfAsync(club.MemberId));
        Assert.Equal(FilesEach, await ActivitiesOfAsync(club.ManagedId));
    }
}
