using System.IO.Compression;
using System.Net;
using System.Text.Json;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using RunRecovery.Api.Tests.Security;
using RunRecovery.Application.Errors;
using RunRecovery.Application.Imports;
using RunRecovery.Application.Imports.Process;
using RunRecovery.Application.Imports.Start;

namespace RunRecovery.Api.Tests.Imports;

/// <summary>
/// Issue 19 point 2: a club's unfinished imports hold at most <c>MaxClubStorageBytes</c> in storage (archives plus
/// spools), and an import's archive and spool are deleted when it fails or is cancelled.
/// </summary>
public sealed class ImportStorageTests(StorageLimitImportServer server) : ImportTestBase(server), IClassFixture<StorageLimitImportServer>
{
    private string[] StoredFiles(Guid importId) =>
        Directory.Exists(Server.StorageDirectory) ? Directory.GetFileSystemEntries(Server.StorageDirectory, $"{importId:N}*") : []; // the spool is a folder

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

    /// <summary>
    /// The check and the reservation are one step: two archives that each fit the club's limit alone, but not
    /// together, finish arriving at the same instant (a barrier both uploads reach at their last byte) and go through
    /// the real handler against the real database. Exactly one is queued, the other is 429 `club-storage-full`, and
    /// what the club's unfinished imports hold stays within the limit. Several rounds, each with a new club, because
    /// without the lock the interleaving decides (run before the fix, it queued both).
    /// </summary>
    [Fact]
    public async Task Two_imports_finishing_their_upload_at_the_same_instant_never_both_pass_the_club_limit()
    {
        for (int round = 0; round < 8; round++)
        {
            TestClub club = await ClubAsync($"storage-race{round}");
            (byte[] archive, _, _) = OverHalfTheLimit(club);
            Guid admin = await AdminOfAsync(club.Id);
            var barrier = new UploadBarrier(2);
            Task<ImportStatus>[] starts = [StartRacingAsync(admin, club.Id, archive, barrier), StartRacingAsync(admin, club.Id, archive, barrier)];
            try
            {
                await Task.WhenAll(starts);
            }
            catch (ServiceBusyException)
            {
                // asserted below, per start
            }

            Assert.Equal(1, starts.Count(start => start.IsCompletedSuccessfully));
            Task<ImportStatus> refused = Assert.Single(starts, start => start.IsFaulted);
            Assert.Equal("club-storage-full", Assert.IsType<ServiceBusyException>(refused.Exception!.InnerException).Code);
            Assert.Equal(1, await Server.ScalarAsync("SELECT count(*) FROM runrecovery.club_imports WHERE club_id = $1", club.Id));
            Assert.InRange(
                await Server.ScalarAsync("SELECT coalesce(sum(size_bytes), 0) FROM runrecovery.club_imports WHERE club_id = $1", club.Id),
                1,
                StorageLimitImportServer.MaxClubStorageBytes);
        }
    }

    private async Task<Guid> AdminOfAsync(Guid clubId)
    {
        await using var connection = new NpgsqlConnection(Server.ConnectionString);
        await connection.OpenAsync(Cancel);
        await using var command = new NpgsqlCommand("SELECT created_by FROM runrecovery.clubs WHERE id = $1", connection) { Parameters = { new() { Value = clubId } } };
        return (Guid)(await command.ExecuteScalarAsync(Cancel))!; // the club exists: ClubAsync just made it
    }

    private async Task<ImportStatus> StartRacingAsync(Guid admin, Guid clubId, byte[] archive, UploadBarrier barrier)
    {
        await using AsyncServiceScope scope = Server.Service.App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>()
            .Send(new StartClubImport(admin, clubId, new BarrierUpload(archive, barrier)), Cancel);
    }

    /// <summary>Released when every upload has sent its last byte.</summary>
    private sealed class UploadBarrier(int parties)
    {
        private readonly TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _arrived;

        // The one-minute bound only keeps a broken test from hanging; a round takes milliseconds.
        public Task ArriveAsync(CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _arrived) == parties)
            {
                _all.SetResult();
            }

            return _all.Task.WaitAsync(TimeSpan.FromMinutes(1), cancellationToken);
        }
    }

    private sealed class BarrierUpload(byte[] archive, UploadBarrier barrier) : IImportUpload
    {
        public Task<(string? FileName, Stream Content)> OpenAsync(CancellationToken cancellationToken) =>
            Task.FromResult<(string?, Stream)>(("race.zip", new BarrierStream(archive, barrier)));
    }

    /// <summary>The archive's bytes; its end is reported only once every racing upload has reached its own.</summary>
    private sealed class BarrierStream(byte[] archive, UploadBarrier barrier) : MemoryStream(archive, writable: false)
    {
        private bool _arrived;

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            int read = await base.ReadAsync(buffer, cancellationToken);
            if (read == 0 && !_arrived)
            {
                _arrived = true;
                await barrier.ArriveAsync(cancellationToken);
            }

            return read;
        }
    }
}
