using System.Text.Json;
using RunRecovery.Api.Tests.Infrastructure;
using RunRecovery.Cli;

namespace RunRecovery.Api.Tests.Imports;

/// <summary>The whole path with a real in-process Hangfire server: CLI upload, the import job, rescoring, the coach's view.</summary>
public sealed class HangfireImportTests(HangfireImportServer server) : ImportTestBase(server), IClassFixture<HangfireImportServer>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("runrecovery-club-import-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Cli_zips_a_folder_on_the_fly_follows_the_import_and_exits_1_when_a_file_failed()
    {
        TestClub club = await ClubAsync("cli-folder");
        string member = Directory.CreateDirectory(Path.Combine(_folder, "club", club.MemberEmail)).FullName;
        string managed = Directory.CreateDirectory(Path.Combine(_folder, "club", club.ManagedExternalId)).FullName;
        await File.WriteAllBytesAsync(Path.Combine(member, "a.fit"), ClubArchive.Fit(1), Cancel);
        await File.WriteAllBytesAsync(Path.Combine(member, "b.gpx.gz"), ClubArchive.Gzip(ClubArchive.Gpx(2)), Cancel);
        await File.WriteAllBytesAsync(Path.Combine(managed, "c.fit"), ClubArchive.Fit(3), Cancel);
        await File.WriteAllBytesAsync(Path.Combine(managed, "broken.fit"), ClubArchive.Fit(4)[..150], Cancel);

        (int exit, string output, string error) = Run(club, Path.Combine(_folder, "club"));

        Assert.Equal("", error);
        Assert.Equal(CliApp.SomeInputFailed, exit);
        Assert.Contains("[completed-with-errors] seen 4: 3 imported, 0 duplicate, 0 skipped, 1 failed", output, StringComparison.Ordinal);
        Assert.Matches("broken\\.fit.*failed", output);
        Assert.Equal(2, await ActivitiesOfAsync(club.MemberId));
        Assert.Equal(1, await ActivitiesOfAsync(club.ManagedId));
    }

    [Fact]
    public async Task Cli_sends_an_archive_file_and_exits_0_when_everything_was_imported()
    {
        TestClub club = await ClubAsync("cli-file");
        string archive = Path.Combine(_folder, "club.zip");
        await File.WriteAllBytesAsync(archive, new ClubArchive()
            .Add($"{club.MemberEmail}/a.fit", ClubArchive.Fit(1))
            .Add($"{club.ManagedExternalId}/a.gpx", ClubArchive.Gpx(1))
            .Build(), Cancel);

        (int exit, string output, _) = Run(club, archive);

        Assert.Equal(CliApp.Success, exit);
        Assert.Contains("[completed] seen 2: 2 imported", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Coach_sees_each_members_week_and_readiness_after_an_import_and_its_rescoring()
    {
        TestClub club = await ClubAsync("coach");
        (Guid strangerId, string strangerKey) = await Api.CreateRunnerAsync("coach-stranger@example.org");
        await Api.CreateClubAsync(strangerKey, "Elsewhere");
        DateTimeOffset now = DateTimeOffset.UtcNow;
        int sinceMonday = ((int)now.DayOfWeek + 6) % 7;
        DateTimeOffset monday = new(now.UtcDateTime.Date.AddDays(-sinceMonday), TimeSpan.Zero);
        DateTimeOffset start = now.AddMinutes(-30) > monday ? now.AddMinutes(-30) : monday;
        byte[] archive = new ClubArchive()
            .Add($"{club.MemberEmail}/today.fit", ClubArchive.Fit(start, seconds: 1200))
            .Add($"{club.MemberEmail}/old.fit", ClubArchive.Fit(1))
            .Build();

        Guid importId = await StartAsync(club.AdminKey, club.Id, archive);
        await WaitAsync(async () => (await Server.GetImportAsync(club.AdminKey, club.Id, importId)).GetProperty("state").GetString() == "completed", "the import to complete");
        await WaitAsync(async () => await Server.ScalarAsync(
            "SELECT count(*) FROM runrecovery.runner_scoring WHERE runner_id = $1 AND scored_version >= requested_version AND scored_version > 0", club.MemberId) == 1, "the member to be rescored");

        using HttpResponseMessage response = await Api.SendAsync(HttpMethod.Get, $"/api/clubs/{club.Id}/members", club.AdminKey);
        JsonElement[] members = [.. (await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<JsonElement>(response.Content, Cancel)).EnumerateArray()];
        Assert.Equal(3, members.Length); // the admin, the joined member and the managed runner; nobody from elsewhere
        Assert.DoesNotContain(members, m => m.GetProperty("runnerId").GetGuid() == strangerId);
        JsonElement member = Assert.Single(members, m => m.GetProperty("runnerId").GetGuid() == club.MemberId);
        Assert.Equal(1, member.GetProperty("weekActivities").GetInt32());
        Assert.InRange(member.GetProperty("weekDistanceMeters").GetDouble(), 3000, 4000); // 20 min at 3 m/s
        Assert.Contains(member.GetProperty("readiness").GetString(), new[] { "fresh", "normal", "fatigued", "overreaching" });
        JsonElement managed = Assert.Single(members, m => m.GetProperty("runnerId").GetGuid() == club.ManagedId);
        Assert.True(managed.GetProperty("managed").GetBoolean());
        Assert.Equal(0, managed.GetProperty("weekActivities").GetInt32());
        Assert.Equal(JsonValueKind.Null, managed.GetProperty("topDueRecommendation").ValueKind);
        // No activity at all: nothing behind its "fresh", so the dashboard says "no data yet" (lastActivityUtc null).
        Assert.Equal(JsonValueKind.Null, managed.GetProperty("lastActivityUtc").ValueKind);
        Assert.Equal(start.ToUnixTimeSeconds(), member.GetProperty("lastActivityUtc").GetDateTimeOffset().ToUnixTimeSeconds());
    }

    private (int Exit, string Output, string Error) Run(TestClub club, string path)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int exit = CliApp.Run(
            ["club-import", "--server", Server.Client.BaseAddress!.ToString(), "--key", club.AdminKey, "--club", club.Id.ToString(), "--poll", "0.1", path],
            output, error);
        return (exit, output.ToString(), error.ToString());
    }

    private static async Task WaitAsync(Func<Task<bool>> condition, string what)
    {
        DateTimeOffset deadline = DateTimeOffset.UtcNow.AddSeconds(120);
        while (!await condition())
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, $"Gave up after 120 s waiting for {what}.");
            await Task.Delay(100, Cancel);
        }
    }
}
