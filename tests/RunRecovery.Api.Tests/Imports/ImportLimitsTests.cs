using System.IO.Compression;
using System.Net;
using System.Text.Json;
using RunRecovery.Api.Tests.Infrastructure;
using static RunRecovery.Api.Tests.Security.HostileFiles;

namespace RunRecovery.Api.Tests.Imports;

/// <summary>Each limit crossed by a small archive (the fixture's limits are tiny): nothing unsafe is read, the rest still is.</summary>
public sealed class ImportLimitsTests(TightImportServer server) : ImportTestBase(server), IClassFixture<TightImportServer>
{
    [Fact]
    public async Task Archive_over_the_size_limit_answers_413_and_leaves_nothing_behind()
    {
        TestClub club = await ClubAsync("toolarge");
        byte[] big = new byte[TightImportServer.MaxArchiveBytes + 1];
        Random.Shared.NextBytes(big);
        byte[] archive = new ClubArchive().Add($"{club.MemberEmail}/noise.fit", big, CompressionLevel.NoCompression).Build();

        using HttpResponseMessage response = await Server.UploadAsync(club.AdminKey, club.Id, archive);

        await response.ReadProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(0, await Server.ScalarAsync("SELECT count(*) FROM runrecovery.club_imports WHERE club_id = $1", club.Id));
        Assert.Empty(Directory.Exists(Server.StorageDirectory) ? Directory.GetFiles(Server.StorageDirectory) : []);
    }

    [Fact]
    public async Task Too_many_entries_at_the_top_are_refused_at_once_and_nested_ones_stop_the_job()
    {
        TestClub club = await ClubAsync("entries");
        var flat = new ClubArchive();
        for (int i = 0; i <= TightImportServer.MaxEntries; i++)
        {
            flat.Add($"{club.MemberEmail}/{i}.txt", [1]);
        }

        using HttpResponseMessage refused = await Server.UploadAsync(club.AdminKey, club.Id, flat.Build());
        Assert.Contains("entries", (await refused.ReadProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("archive")[0].GetString(), StringComparison.Ordinal);

        var export = new ClubArchive();
        for (int i = 0; i < TightImportServer.MaxEntries; i++)
        {
            export.Add($"activities/{i}.txt", [2]);
        }

        byte[] archive = new ClubArchive()
            .Add($"{club.MemberEmail}/run.fit", ClubArchive.Fit(1))
            .Add($"{club.MemberEmail}/export.zip", export.Build())
            .Build();
        Guid importId = await StartAsync(club.AdminKey, club.Id, archive);
        await Server.RunJobAsync(importId, Cancel);

        JsonElement import = await Server.GetImportAsync(club.AdminKey, club.Id, importId);
        Assert.Equal("failed", import.GetProperty("state").GetString());
        Assert.Equal("archive-too-many-entries", import.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(1, await ActivitiesOfAsync(club.MemberId)); // what came before the limit is kept
    }

    [Fact]
    public async Task Zip_bomb_entries_and_unsafe_names_are_refused_and_the_rest_imported()
    {
        TestClub club = await ClubAsync("bombs");
        byte[] oversized = new byte[3_500_000]; // over the 3 MB entry limit, but compressing only about 50:1
        for (int i = 0; i < oversized.Length; i += 50)
        {
            oversized[i] = (byte)Random.Shared.Next(256);
        }

        GpxThenZeros(64).AsSpan(0, 40).CopyTo(oversized); // starts like an activity file, so it is expanded (ActivityFilesOnly)

        byte[] archive = new ClubArchive()
            .Add($"{club.MemberEmail}/good.fit", ClubArchive.Fit(1))
            .Add($"{club.MemberEmail}/bomb.fit", GpxThenZeros(2_000_000), CompressionLevel.SmallestSize) // about 1000:1
            .Add($"{club.MemberEmail}/huge.gpx", oversized, CompressionLevel.SmallestSize)
            .Add("../escape.fit", ClubArchive.Fit(2))
            .Add($"{club.MemberEmail}/../../up.fit", ClubArchive.Fit(3))
            .Add("/etc/absolute.fit", ClubArchive.Fit(4))
            .Add($"{club.MemberEmail}/also-good.gpx", ClubArchive.Gpx(5))
            .Build();
        Guid importId = await StartAsync(club.AdminKey, club.Id, archive);
        await Server.RunJobAsync(importId, Cancel);

        JsonElement import = await Server.GetImportAsync(club.AdminKey, club.Id, importId);
        Assert.Equal("completed-with-errors", import.GetProperty("state").GetString());
        AssertCounts(import, seen: 7, imported: 2, duplicates: 0, skipped: 0, failed: 5);
        Assert.Equal("zip-bomb", Problem(import, "bomb.fit").GetProperty("code").GetString());
        Assert.Equal("archive-entry-too-large", Problem(import, "huge.gpx").GetProperty("code").GetString());
        Assert.Equal("archive-unsafe-path", Problem(import, "../escape.fit").GetProperty("code").GetString());
        Assert.Equal("archive-unsafe-path", Problem(import, "up.fit").GetProperty("code").GetString());
        Assert.Equal("archive-unsafe-path", Problem(import, "/etc/absolute.fit").GetProperty("code").GetString());
        Assert.Equal(2, await ActivitiesOfAsync(club.MemberId));
    }

    [Fact]
    public async Task Total_expansion_over_the_limit_fails_the_import()
    {
        TestClub club = await ClubAsync("total");
        var archive = new ClubArchive().Add($"{club.MemberEmail}/first.fit", ClubArchive.Fit(1));
        for (int i = 0; i < 7; i++)
        {
            archive.Add($"{club.MemberEmail}/padding{i}.gpx", GpxThenZeros(900_000), CompressionLevel.SmallestSize); // under the ratio floor each; starts like GPX so it is expanded
        }

        archive.Add($"{club.MemberEmail}/last.fit", ClubArchive.Fit(2));
        Guid importId = await StartAsync(club.AdminKey, club.Id, archive.Build());
        await Server.RunJobAsync(importId, Cancel);

        JsonElement import = await Server.GetImportAsync(club.AdminKey, club.Id, importId);
        Assert.Equal("failed", import.GetProperty("state").GetString());
        Assert.Equal("archive-too-large", import.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(1, await ActivitiesOfAsync(club.MemberId)); // last.fit is past the limit: never read
    }

    [Fact]
    public async Task Archives_nested_deeper_than_two_are_not_read()
    {
        TestClub club = await ClubAsync("deep");
        byte[] inner = new ClubArchive().Add("deep.fit", ClubArchive.Fit(7)).Build();
        byte[] middle = new ClubArchive().Add("inner.zip", inner).Add("shallow.fit", ClubArchive.Fit(8)).Build();
        byte[] archive = new ClubArchive().Add($"{club.MemberEmail}/export.zip", middle).Build();

        Guid importId = await StartAsync(club.AdminKey, club.Id, archive);
        await Server.RunJobAsync(importId, Cancel);

        JsonElement import = await Server.GetImportAsync(club.AdminKey, club.Id, importId);
        AssertCounts(import, seen: 2, imported: 1, duplicates: 0, skipped: 0, failed: 1);
        Assert.Equal("archive-too-deep", Problem(import, "inner.zip!deep.fit").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Not_a_zip_is_refused_at_once()
    {
        TestClub club = await ClubAsync("notzip");
        using HttpResponseMessage response = await Server.UploadAsync(club.AdminKey, club.Id, ClubArchive.Fit(1));
        await response.ReadProblemAsync(HttpStatusCode.BadRequest);
    }
}
