using System.IO.Compression;
using System.Net;
using System.Text.Json;
using RunRecovery.Api.Tests.Security;
using RunRecovery.Application.Imports.Process;

namespace RunRecovery.Api.Tests.Imports;

/// <summary>
/// Issue 19 point 2: a club's unfinished imports hold at most <c>MaxClubStorageBytes</c> in storage (archives plus
/// spools), and an import's archive and spool are deleted when it fails or is cancelled.
/// </summary>
public sealed class ImportStorageTests(StorageLimitImportServer server) : ImportTestBase(server), IClassFixture<StorageLimitImportServer>
{
    private string[] StoredFiles(Guid importId) =>
        Directory.Exists(Server.StorageDirectory) ? Directory.GetFiles(Server.StorageDirectory, $"{importId:N}*") : [];

    /// <summary>Stored (not compressed) runs, so the archive's size is about what it expands to.</summary>
    private static (byte[] Archive, long Expanded) Runs(TestClub club, int files)
    {
        var archive = new ClubArchive();
        long expanded = 0;
        for (int i = 0; i < files; i++)
        {
            byte[] run = ClubArchive.Fit(i);
            expanded += run.Length;
            archive.Add($"{club.MemberEmail}/{i}.fit", run, CompressionLevel.NoCompression);
        }

        return (archive.Build(), expanded);
    }

    /// <summary>The fewest runs whose archive takes more than 60 % of the club's limit.</summary>
    private static (byte[] Archive, long Expanded, int Files) OverHalfTheLimit(TestClub club)
    {
        for (int files = 1; ; files++)
        {
            (byte[] archive, long expanded) = Runs(club, files);
            if (archive.Length > StorageLimitImportServer.MaxClubStorageBytes * 0.6)
            {
                return (archive, expanded, files);
            }
        }
    }

    [Fact]
    public async Task A_club_past_its_storage_limit_gets_429_and_an_import_that_reaches_it_fails_with_its_spool_deleted()
    {
        TestClub club = await ClubAsync("storage");
        (byte[] first, long expanded, int files) = OverHalfTheLimit(club);
        Assert.True(first.Length < StorageLimitImportServer.MaxClubStorageBytes, $"the archive ({first.Length} bytes) must fit the limit");
        Assert.True(first.Length + expanded > StorageLimitImportServer.MaxClubStorageBytes, $"its files ({expanded} bytes) must not");
        Assert.True(files >= 2, "the limit must be reached after the first file");
        Guid importId = await StartAsync(club.AdminKey, club.Id, first);

        // While the first waits, a second archive would pass the club's limit.
        using (HttpResponseMessage refused = await Server.UploadAsync(club.AdminKey, club.Id, first))
        {
            await refused.AssertRefusedAsync(HttpStatusCode.TooManyRequests, "club-storage-full");
            Assert.NotNull(refused.Headers.RetryAfter);
        }

        Assert.Equal(1, await Server.ScalarAsync("SELECT count(*) FROM runrecovery.club_imports WHERE club_id = $1", club.Id));
        Assert.Single(Directory.GetFiles(Server.StorageDirectory, "*.zip"), path => path.Contains($"{importId:N}", StringComparison.Ordinal));

        // The walk spools files until the limit, then stops: the import fails with the code once they are stored.
        ImportRunResult expandedRun = await Server.RunJobAsync(importId, Cancel);
        Assert.Equal("running", expandedRun.State);
        ImportRunResult last = await Server.RunMemberJobAsync(importId, club.MemberId, Cancel);
        Assert.Equal("failed", last.State);
        JsonElement import = await Server.GetImportAsync(club.AdminKey, club.Id, importId);
        Assert.Equal("club-storage-full", import.GetProperty("error").GetProperty("code").GetString());
        long imported = await ActivitiesOfAsync(club.MemberId);
        Assert.InRange(imported, 1, files - 1);
        Assert.Empty(StoredFiles(importId)); // archive, spool and partial spool all gone

        // With the first import finished, the club's storage is free again.
        Guid again = await StartAsync(club.AdminKey, club.Id, Runs(club, 2).Archive);
        Assert.NotEmpty(StoredFiles(again));
    }

    [Fact]
    public async Task A_cancelled_import_leaves_neither_its_archive_nor_its_spool()
    {
        TestClub club = await ClubAsync("storage-cancel");
        Guid importId = await StartAsync(club.AdminKey, club.Id, Runs(club, 2).Archive);
        await Server.RunJobAsync(importId, Cancel);
        Assert.Contains(StoredFiles(importId), path => path.EndsWith(".spool", StringComparison.Ordinal));

        using (HttpResponseMessage cancel = await Api.SendAsync(HttpMethod.Delete, $"/api/clubs/{club.Id}/imports/{importId}", club.AdminKey))
        {
            Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        }

        ImportRunResult member = await Server.RunMemberJobAsync(importId, club.MemberId, Cancel);
        Assert.Equal("cancelled", member.State);
        Assert.Empty(StoredFiles(importId));
    }
}
