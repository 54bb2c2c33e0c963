using System.Net;
using System.Text.Json;
using RunRecovery.Api.Tests.Infrastructure;
using RunRecovery.Formats.Gpx;
using RunRecovery.Migrations;

namespace RunRecovery.Api.Tests.Activities;

/// <summary>Issue 15: activity names, from the file where it has one, else "Morning run" style in the runner's time zone.</summary>
public sealed class ActivityNameTests(RunnerHost host) : IClassFixture<RunnerHost>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    // 06:30 UTC two days ago: 07:30 in Berlin (winter or summer: morning), 01:30 or 02:30 in New York (night).
    private static DateTimeOffset Start => new DateTimeOffset(DateTimeOffset.UtcNow.Date, TimeSpan.Zero).AddDays(-2).AddHours(6.5);

    [Theory]
    [InlineData("Europe/Berlin", "Morning run")]
    [InlineData("America/New_York", "Night run")]
    [InlineData("Asia/Tokyo", "Afternoon run")] // 15:30
    public async Task A_fit_file_without_a_name_is_named_by_the_part_of_the_day_in_the_runners_time_zone(string zone, string expected)
    {
        (_, string key) = await host.CreateRunnerAsync(zone);

        JsonElement activity = await UploadAsync(key, SyntheticRuns.Fit(Start, 30), "application/vnd.ant.fit", "run.fit");

        Assert.Equal(expected, activity.GetProperty("name").GetString());
        Guid id = activity.GetProperty("id").GetGuid();
        Assert.Equal(expected, (await host.GetJsonAsync($"/api/activities/{id}", key)).GetProperty("activity").GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_gpx_track_name_is_the_activity_name()
    {
        (_, string key) = await host.CreateRunnerAsync("Europe/Berlin");
        using var text = new StringWriter();
        GpxWriter.Write(text, SyntheticRuns.Run(Start, 30).Samples, type: "running", name: "  Sunday long run\n by the river ");

        JsonElement activity = await UploadAsync(key, System.Text.Encoding.UTF8.GetBytes(text.ToString()), "application/gpx+xml", "long.gpx");

        Assert.Equal("Sunday long run by the river", activity.GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_fit_workout_name_is_the_activity_name()
    {
        Assert.SkipWhen(FixtureCorpus.Directory is null, FixtureCorpus.SkipReason);
        (_, string key) = await host.CreateRunnerAsync("Europe/Berlin");
        byte[] file = await File.ReadAllBytesAsync(FixtureCorpus.PathOf("fit/elemnt-bolt-no-application-id-inside-developer-data-id.fit"), Cancel);

        JsonElement activity = await UploadAsync(key, file, "application/vnd.ant.fit", "bolt.fit");

        Assert.Equal("Wahoo Workout", activity.GetProperty("name").GetString()); // its workout message's wkt_name
    }

    [Fact]
    public async Task The_migration_names_rows_stored_before_names_existed_in_the_runners_zone_and_leaves_named_rows_alone()
    {
        (Guid runnerId, string key) = await host.CreateRunnerAsync("America/New_York");
        Guid unnamed = (await UploadAsync(key, SyntheticRuns.Fit(Start, 30), "application/vnd.ant.fit", "a.fit")).GetProperty("id").GetGuid();
        Guid named = (await UploadAsync(key, SyntheticRuns.Fit(Start.AddHours(10), 30), "application/vnd.ant.fit", "b.fit")).GetProperty("id").GetGuid();
        await host.ScalarAsync("UPDATE runrecovery.activities SET name = NULL WHERE id = $1", unnamed);
        await host.ScalarAsync("UPDATE runrecovery.activities SET name = 'Mine' WHERE id = $1", named);

        await host.ScalarAsync(ActivityNamesBackfill.Sql);
        await host.ScalarAsync(ActivityNamesBackfill.Sql); // twice changes nothing

        Assert.Equal("Night run", await NameAsync(key, unnamed));
        Assert.Equal("Mine", await NameAsync(key, named));
        Assert.Equal(0, await host.ScalarAsync("SELECT count(*) FROM runrecovery.activities WHERE runner_id = $1 AND name IS NULL", runnerId));
    }

    private async Task<string?> NameAsync(string key, Guid id) =>
        (await host.GetJsonAsync($"/api/activities/{id}", key)).GetProperty("activity").GetProperty("name").GetString();

    private async Task<JsonElement> UploadAsync(string key, byte[] file, string contentType, string fileName)
    {
        using HttpResponseMessage response = await host.UploadAsync(key, file, contentType, fileName);
        string body = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("files")[0].GetProperty("activity");
    }
}
