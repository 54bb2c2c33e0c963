using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using RunRecovery.Api.Tests.Imports;
using RunRecovery.Api.Tests.Infrastructure;

namespace RunRecovery.Api.Tests.Security;

/// <summary>
/// Club import archives with hostile entry names, through the real HTTP import (docs/security.md, "Hostile input").
/// Zip bombs, nested archives, too many entries, "../" and absolute names are in <see cref="ImportLimitsTests"/>;
/// this adds Windows separators, drive letters and NUL characters, in entry names and in the upload's own name.
/// </summary>
public sealed class HostileImportTests(TightImportServer server) : ImportTestBase(server), IClassFixture<TightImportServer>
{
    [Fact]
    public async Task Backslash_drive_letter_and_NUL_entry_names_are_refused_and_the_rest_imported()
    {
        TestClub club = await ClubAsync("names");
        byte[] archive = new ClubArchive()
            .Add($"{club.MemberEmail}/good.fit", ClubArchive.Fit(1))
            .Add($"{club.MemberEmail}\\..\\..\\windows.fit", ClubArchive.Fit(2))
            .Add("C:\\Users\\drive.fit", ClubArchive.Fit(3))
            .Add($"{club.MemberEmail}/run\0.fit", ClubArchive.Fit(4))
            .Build();
        Guid importId = await StartAsync(club.AdminKey, club.Id, archive);

        await Server.RunJobAsync(importId, Cancel);

        JsonElement import = await Server.GetImportAsync(club.AdminKey, club.Id, importId);
        Assert.Equal("completed-with-errors", import.GetProperty("state").GetString());
        AssertCounts(import, seen: 4, imported: 1, duplicates: 0, skipped: 0, failed: 3);
        Assert.Equal("archive-unsafe-path", Problem(import, "windows.fit").GetProperty("code").GetString());
        Assert.Equal("archive-unsafe-path", Problem(import, "drive.fit").GetProperty("code").GetString());
        JsonElement nul = Problem(import, "run\uFFFD.fit"); // recorded with U+FFFD in place of the NUL PostgreSQL cannot store
        Assert.Equal("archive-unsafe-path", nul.GetProperty("code").GetString());
        Assert.Equal(1, await ActivitiesOfAsync(club.MemberId));
    }

    [Fact]
    public async Task A_coach_importing_an_implausible_file_into_a_members_account_is_refused_and_the_member_is_unchanged()
    {
        // Issue 19 point 4: the 80-byte FIT whose session claims 49.7 days and 42,950 km made a member "overreaching".
        TestClub club = await ClubAsync("implausible");
        var run = new ByteArrayContent(SyntheticRuns.Fit(SyntheticRuns.HoursAgo(30), 40));
        run.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.ant.fit");
        using var upload = new HttpRequestMessage(HttpMethod.Post, "/api/activities") { Content = run };
        upload.Headers.Authorization = new AuthenticationHeaderValue("Bearer", club.MemberKey);
        using (HttpResponseMessage own = await Server.Client.SendAsync(upload, Cancel))
        {
            Assert.Equal(HttpStatusCode.Created, own.StatusCode);
        }

        StoredState before = await StoredState.ReadAsync(Server.ConnectionString, club.MemberId);
        byte[] archive = new ClubArchive()
            .Add($"{club.MemberEmail}/weeks.fit", HostileFiles.FitClaiming(TimeSpan.FromDays(49.7), 42_950_000))
            .Build();
        Guid importId = await StartAsync(club.AdminKey, club.Id, archive);

        await Server.RunJobAsync(importId, Cancel);

        JsonElement import = await Server.GetImportAsync(club.AdminKey, club.Id, importId);
        AssertCounts(import, seen: 1, imported: 0, duplicates: 0, skipped: 0, failed: 1);
        Assert.Equal("implausible", Problem(import, "weeks.fit").GetProperty("code").GetString());
        StoredState after = await StoredState.ReadAsync(Server.ConnectionString, club.MemberId);
        Assert.Equal(
            (before.Activities, before.ActivityContents, before.Recommendations, before.RunnerDigest),
            (after.Activities, after.ActivityContents, after.Recommendations, after.RunnerDigest)); // scoring state included
    }

    [Fact]
    public async Task An_archive_name_with_a_NUL_answers_400_and_records_no_import()
    {
        TestClub club = await ClubAsync("nulname");
        var content = new ByteArrayContent(new ClubArchive().Add($"{club.MemberEmail}/a.fit", ClubArchive.Fit(1)).Build());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        content.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = "archive", FileNameStar = "club\0.zip" }; // club%00.zip
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/clubs/{club.Id}/imports") { Content = new MultipartFormDataContent { content } };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", club.AdminKey);

        using HttpResponseMessage response = await Server.Client.SendAsync(request, Cancel);

        JsonElement problem = await response.AssertRefusedAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("fileName", out _), problem.GetRawText());
        Assert.Equal(0, await Server.ScalarAsync("SELECT count(*) FROM runrecovery.club_imports WHERE club_id = $1", club.Id));
        Assert.Empty(Directory.Exists(Server.StorageDirectory) ? Directory.GetFiles(Server.StorageDirectory) : []);
    }
}
