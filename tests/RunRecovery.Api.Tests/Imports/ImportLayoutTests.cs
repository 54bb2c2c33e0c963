using System.Text;
using System.Text.Json;
using RunRecovery.Api.Tests.Infrastructure;

namespace RunRecovery.Api.Tests.Imports;

/// <summary>Both layouts, nested exports, gzip, unknown types, unknown members and the duplicate rules, through the real job.</summary>
public sealed class ImportLayoutTests(ImportServer server) : ImportTestBase(server), IClassFixture<ImportServer>
{
    [Fact]
    public async Task Folder_layout_imports_by_email_and_external_id_including_gz_and_a_nested_export()
    {
        TestClub club = await ClubAsync("folders");
        byte[] stravaExport = new ClubArchive()
            .Add("activities/10.fit.gz", ClubArchive.Gzip(ClubArchive.Fit(10)))
            .Add("activities/11.gpx", ClubArchive.Gpx(11))
            .Add("activities.csv", "Activity ID,Activity Date\n10,2026-09-11\n"u8.ToArray())
            .Add("media/profile.jpg", [0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3])
            .Build();
        byte[] cut = ClubArchive.Fit(5)[..200]; // the watch died after a few records: imported with a truncated warning (issue 15)
        byte[] truncated = ClubArchive.Fit(5)[..20]; // nothing usable before the cut: fails
        byte[] archive = new ClubArchive()
            .Add($"{club.MemberEmail}/run1.fit", ClubArchive.Fit(1))
            .Add($"{club.MemberEmail}/run2.gpx.gz", ClubArchive.Gzip(ClubArchive.Gpx(2)))
            .Add($"{club.MemberEmail}/broken.fit", truncated)
            .Add($"{club.MemberEmail}/cut.fit", cut)
            .Add($"{club.MemberEmail}/photo.jpg", [0xFF, 0xD8, 0xFF, 0xE0, 9, 9])
            .Add($"{club.ManagedExternalId}/run3.fit.gz", ClubArchive.Gzip(ClubArchive.Fit(3)))
            .Add($"{club.ManagedExternalId}/export_123.zip", stravaExport)
            .Add("stranger@example.org/x.fit", ClubArchive.Fit(4))
            .Add("loose.fit", ClubArchive.Fit(6))
            .Add("notes.txt", "hello"u8.ToArray())
            .Add("__MACOSX/._run1.fit", [0, 5, 22, 7])
            .Build();

        Guid importId = await StartAsync(club.AdminKey, club.Id, archive);
        await Server.RunJobAsync(importId, Cancel);

        JsonElement import = await Server.GetImportAsync(club.AdminKey, club.Id, importId);
        Assert.Equal("completed-with-errors", import.GetProperty("state").GetString());
        Assert.Equal("folders", import.GetProperty("layout").GetString());
        AssertCounts(import, seen: 13, imported: 6, duplicates: 0, skipped: 4, failed: 3);
        Assert.Equal(3, await ActivitiesOfAsync(club.MemberId));
        Assert.Equal(3, await ActivitiesOfAsync(club.ManagedId));

        Assert.Equal("unknown-member", Problem(import, "stranger@example.org/x.fit").GetProperty("code").GetString());
        Assert.Contains("nothing was guessed", Problem(import, "stranger@example.org/x.fit").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("no-member-folder", Problem(import, "loose.fit").GetProperty("code").GetString());
        Assert.Equal("failed", Problem(import, "broken.fit").GetProperty("outcome").GetString());
        Assert.NotEqual("unknown-member", Problem(import, "broken.fit").GetProperty("code").GetString());
        Assert.Equal("skipped", Problem(import, "export_123.zip!media/profile.jpg").GetProperty("outcome").GetString());
        Assert.Equal("unsupported-type", Problem(import, "notes.txt").GetProperty("code").GetString());
        Assert.NotNull(import.GetProperty("startedAt").GetString());
        Assert.NotNull(import.GetProperty("finishedAt").GetString());
        Assert.True(import.GetProperty("runsPerSecond").GetDouble() > 0);
        Assert.False(File.Exists(Path.Combine(Server.StorageDirectory, $"{importId:N}.zip")), "the archive is removed once the import ends");
    }

    [Fact]
    public async Task Manifest_layout_reads_only_listed_files_and_reports_missing_ones()
    {
        TestClub club = await ClubAsync("manifest");
        string manifest = $"member,file\n{club.MemberEmail.ToUpperInvariant()},runs/a.fit\n\"{club.ManagedExternalId}\",runs/b.gpx\n{club.ManagedExternalId},runs/missing.fit\nnobody@example.org,runs/c.fit\n";
        byte[] archive = new ClubArchive()
            .Add("manifest.csv", Encoding.UTF8.GetBytes(manifest))
            .Add("runs/a.fit", ClubArchive.Fit(1))
            .Add("runs/b.gpx", ClubArchive.Gpx(2))
            .Add("runs/c.fit", ClubArchive.Fit(3))
            .Add("runs/unlisted.fit", ClubArchive.Fit(4))
            .Build();

        Guid importId = await StartAsync(club.AdminKey, club.Id, archive, multipart: true);
        await Server.RunJobAsync(importId, Cancel);

        JsonElement import = await Server.GetImportAsync(club.AdminKey, club.Id, importId);
        Assert.Equal("manifest", import.GetProperty("layout").GetString());
        AssertCounts(import, seen: 5, imported: 2, duplicates: 0, skipped: 0, failed: 3);
        Assert.Equal(1, await ActivitiesOfAsync(club.MemberId));
        Assert.Equal(1, await ActivitiesOfAsync(club.ManagedId));
        Assert.Equal("missing-file", Problem(import, "runs/missing.fit").GetProperty("code").GetString());
        Assert.Equal("not-in-manifest", Problem(import, "runs/unlisted.fit").GetProperty("code").GetString());
        Assert.Equal("unknown-member", Problem(import, "runs/c.fit").GetProperty("code").GetString());
        Assert.Equal("club-history.zip", import.GetProperty("fileName").GetString());
    }

    [Fact]
    public async Task Duplicates_follow_the_upload_rules_within_a_member_and_not_across_members()
    {
        TestClub club = await ClubAsync("dupes");
        byte[] run = ClubArchive.Fit(1);
        byte[] archive = new ClubArchive()
            .Add($"{club.MemberEmail}/a.fit", run)
            .Add($"{club.MemberEmail}/copy/a-again.fit", run)           // same bytes: same file
            .Add($"{club.MemberEmail}/a-as.gpx", ClubArchive.Gpx(1))     // same run from another format: same activity
            .Add($"{club.MemberEmail}/other.fit", ClubArchive.Fit(2))
            .Add($"{club.ManagedExternalId}/a.fit", run)                 // the same file for another member is theirs
            .Build();

        Guid importId = await StartAsync(club.AdminKey, club.Id, archive);
        await Server.RunJobAsync(importId, Cancel);

        JsonElement import = await Server.GetImportAsync(club.AdminKey, club.Id, importId);
        Assert.Equal("completed", import.GetProperty("state").GetString());
        AssertCounts(import, seen: 5, imported: 3, duplicates: 2, skipped: 0, failed: 0);
        Assert.Equal(2, await ActivitiesOfAsync(club.MemberId));
        Assert.Equal(1, await ActivitiesOfAsync(club.ManagedId));
        Assert.Equal(
            ["same-activity", "same-file"],
            (await DuplicateCodesAsync(importId)).Order(StringComparer.Ordinal));

        // Importing the same archive again stores nothing new.
        Guid again = await StartAsync(club.AdminKey, club.Id, archive);
        await Server.RunJobAsync(again, Cancel);
        AssertCounts(await Server.GetImportAsync(club.AdminKey, club.Id, again), seen: 5, imported: 0, duplicates: 5, skipped: 0, failed: 0);
        Assert.Equal(3, await Server.ScalarAsync("SELECT count(*) FROM runrecovery.activities WHERE runner_id = ANY($1)", new[] { club.MemberId, club.ManagedId }));
    }

    private async Task<List<string>> DuplicateCodesAsync(Guid importId)
    {
        await using var connection = new Npgsql.NpgsqlConnection(Server.ConnectionString);
        await connection.OpenAsync(Cancel);
        await using var command = new Npgsql.NpgsqlCommand("SELECT code FROM runrecovery.club_import_entries WHERE import_id = $1 AND outcome = 'duplicate'", connection)
        {
            Parameters = { new() { Value = importId } },
        };
        var codes = new List<string>();
        await using Npgsql.NpgsqlDataReader reader = await command.ExecuteReaderAsync(Cancel);
        while (await reader.ReadAsync(Cancel))
        {
            codes.Add(reader.GetString(0));
        }

        return codes;
    }
}
