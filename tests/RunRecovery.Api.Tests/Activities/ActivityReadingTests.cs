using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using RunRecovery.Api.Tests.Infrastructure;
using RunRecovery.Formats;
using RunRecovery.Formats.Fit.Encoding;
using RunRecovery.Formats.Model;

namespace RunRecovery.Api.Tests.Activities;

/// <summary>Issue 15, "Reading": damaged and odd files through the real upload path, and the samples streams.</summary>
public sealed class ActivityReadingTests(RunnerHost host) : IClassFixture<RunnerHost>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_fit_file_cut_mid_run_is_stored_with_a_truncated_warning_and_totals_from_its_samples()
    {
        (Guid runnerId, string key) = await host.CreateRunnerAsync();
        byte[] whole = SyntheticRuns.Fit(SyntheticRuns.HoursAgo(3), minutes: 30);
        byte[] cut = whole[..(whole.Length * 2 / 3)]; // the watch died: no session message, no CRC

        using HttpResponseMessage response = await host.UploadAsync(key, cut, fileName: "died.fit");

        string body = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        JsonElement file = JsonDocument.Parse(body).RootElement.GetProperty("files")[0];
        JsonElement warning = Assert.Single(file.GetProperty("warnings").EnumerateArray(), w => w.GetProperty("code").GetString() == "truncated");
        Assert.True(warning.GetProperty("offset").GetInt64() > 0);
        JsonElement activity = file.GetProperty("activity");
        double distance = activity.GetProperty("distanceMeters").GetDouble();
        double elapsed = activity.GetProperty("elapsedSeconds").GetDouble();
        Assert.InRange(distance, 200, 30 * 60 * 3.0 * 0.9); // part of the 5.4 km, from the records that were read
        Assert.InRange(elapsed, 60, 30 * 60 * 0.9);
        Assert.InRange(distance / elapsed, 2.9, 3.1); // the samples' own 3 m/s: totals come from the samples
        Assert.True(activity.GetProperty("movingSeconds").GetDouble() > 0);

        // The warning is kept with the activity, not only in the upload's answer.
        Guid id = activity.GetProperty("id").GetGuid();
        JsonElement detail = await host.GetJsonAsync($"/api/activities/{id}", key);
        Assert.Contains(detail.GetProperty("metrics").GetProperty("warnings").EnumerateArray(), w => w.GetProperty("code").GetString() == "truncated");
        JsonElement samples = await host.GetJsonAsync($"/api/activities/{id}/samples?types=time", key);
        Assert.True(samples.GetProperty("offsetSeconds").GetArrayLength() > 6);
        Assert.Equal(1, await host.ScalarAsync("SELECT count(*) FROM runrecovery.activities WHERE runner_id = $1", runnerId));
    }

    [Fact]
    public async Task The_corpus_file_that_ends_inside_its_last_record_is_stored_with_a_truncated_warning()
    {
        Assert.SkipWhen(FixtureCorpus.Directory is null, FixtureCorpus.SkipReason);
        (_, string key) = await host.CreateRunnerAsync();
        byte[] file = await File.ReadAllBytesAsync(FixtureCorpus.PathOf("fit/activity-unexpected-eof.fit"), Cancel);

        using HttpResponseMessage response = await host.UploadAsync(key, file, fileName: "activity-unexpected-eof.fit");

        string body = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        JsonElement outcome = JsonDocument.Parse(body).RootElement.GetProperty("files")[0];
        Assert.Contains(outcome.GetProperty("warnings").EnumerateArray(), w => w.GetProperty("code").GetString() == "truncated");
        Assert.Equal("running", outcome.GetProperty("activity").GetProperty("sport").GetString());
    }

    [Fact]
    public async Task A_gpx_track_without_timestamps_is_refused_with_no_time()
    {
        Assert.SkipWhen(FixtureCorpus.Directory is null, FixtureCorpus.SkipReason);
        (Guid runnerId, string key) = await host.CreateRunnerAsync();
        byte[] file = await File.ReadAllBytesAsync(FixtureCorpus.PathOf("gpx/track-with-extremes.gpx"), Cancel);

        using HttpResponseMessage response = await host.UploadAsync(key, file, "application/gpx+xml", "track-with-extremes.gpx");

        JsonElement problem = await response.ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("no-time", problem.GetProperty("code").GetString());
        Assert.Equal(0, await host.ScalarAsync("SELECT count(*) FROM runrecovery.activities WHERE runner_id = $1", runnerId));
    }

    [Fact]
    public async Task Gpx_samples_have_a_speed_derived_from_positions_and_time()
    {
        (_, string key) = await host.CreateRunnerAsync();
        string gpx = Encoding.UTF8.GetString(SyntheticRuns.Gpx(SyntheticRuns.HoursAgo(6), minutes: 20, metersPerSecond: 3.0));
        Assert.DoesNotContain("speed", gpx, StringComparison.OrdinalIgnoreCase); // the file itself states no speed
        Guid id = await UploadTests.CreatedIdAsync(await host.UploadAsync(key, Encoding.UTF8.GetBytes(gpx), "application/gpx+xml", "run.gpx"));

        JsonElement samples = await host.GetJsonAsync($"/api/activities/{id}/samples?types=time,speed", key);

        Assert.Equal("positions", samples.GetProperty("speedSource").GetString());
        double[] speeds = [.. samples.GetProperty("speedMetersPerSecond").EnumerateArray().Skip(1).Select(s => s.GetDouble())];
        Assert.Equal(samples.GetProperty("offsetSeconds").GetArrayLength() - 1, speeds.Length);
        Assert.All(speeds, speed => Assert.InRange(speed, 2.9, 3.1));
    }

    [Fact]
    public async Task Types_returns_only_the_streams_asked_for_and_refuses_an_unknown_one()
    {
        (_, string key) = await host.CreateRunnerAsync();
        Guid id = await UploadTests.CreatedIdAsync(await host.UploadAsync(key, SyntheticRuns.Fit(SyntheticRuns.HoursAgo(9), 10)));

        JsonElement some = await host.GetJsonAsync($"/api/activities/{id}/samples?types=time,heartRate,latlng", key);
        JsonElement all = await host.GetJsonAsync($"/api/activities/{id}/samples", key);

        Assert.Equal(["time", "heartRate", "latlng"], some.GetProperty("types").EnumerateArray().Select(t => t.GetString()));
        int rows = some.GetProperty("offsetSeconds").GetArrayLength();
        Assert.Equal(rows, some.GetProperty("heartRateBpm").GetArrayLength());
        Assert.Equal(rows, some.GetProperty("latitudeDegrees").GetArrayLength());
        Assert.Equal(rows, some.GetProperty("longitudeDegrees").GetArrayLength());
        foreach (string absent in new[] { "speedMetersPerSecond", "cadence", "powerWatts", "altitudeMeters", "distanceMeters" })
        {
            Assert.Equal(JsonValueKind.Null, some.GetProperty(absent).ValueKind);
            Assert.Equal(JsonValueKind.Array, all.GetProperty(absent).ValueKind);
        }

        Assert.Equal(8, all.GetProperty("types").GetArrayLength());
        Assert.Equal(327.0, all.GetProperty("distanceMeters")[10].GetDouble(), 1); // the bucket's last distance: 109 s at 3 m/s

        using HttpResponseMessage bad = await host.SendAsync(HttpMethod.Get, $"/api/activities/{id}/samples?types=time,watts", key);
        JsonElement problem = await bad.ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("watts", problem.GetProperty("errors").GetProperty("types")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cadence_in_the_samples_is_in_the_unit_and_scale_of_the_activitys_metrics()
    {
        Assert.SkipWhen(FixtureCorpus.Directory is null, FixtureCorpus.SkipReason);
        (_, string key) = await host.CreateRunnerAsync();
        byte[] file = await File.ReadAllBytesAsync(FixtureCorpus.PathOf("tcx/run_garmin.tcx"), Cancel);
        Guid id = await UploadTests.CreatedIdAsync(await host.UploadAsync(key, file, "application/vnd.garmin.tcx+xml", "run_garmin.tcx"));

        JsonElement metrics = (await host.GetJsonAsync($"/api/activities/{id}", key)).GetProperty("metrics");
        JsonElement samples = await host.GetJsonAsync($"/api/activities/{id}/samples?types=cadence&every=1", key);

        Assert.Equal("steps/min", metrics.GetProperty("cadenceUnit").GetString());
        Assert.Equal("steps/min", samples.GetProperty("cadenceUnit").GetString());
        double[] cadence = [.. samples.GetProperty("cadence").EnumerateArray().Where(c => c.ValueKind == JsonValueKind.Number).Select(c => c.GetDouble())];
        double[] stated = [.. samples.GetProperty("cadenceRpm").EnumerateArray().Where(c => c.ValueKind == JsonValueKind.Number).Select(c => c.GetDouble())];
        Assert.InRange(cadence.Average(), 140, 200); // a runner's steps, not strides (~80 in the file)
        Assert.InRange(stated.Average(), 70, 100);
        Assert.InRange(cadence.Average(), metrics.GetProperty("averageCadence").GetDouble() * 0.95, metrics.GetProperty("averageCadence").GetDouble() * 1.05);
    }

    [Fact]
    public async Task A_fit_session_without_a_timer_total_gets_timer_and_moving_time_from_its_samples()
    {
        (_, string key) = await host.CreateRunnerAsync();
        ParsedActivity run = SyntheticRuns.Run(SyntheticRuns.HoursAgo(4), minutes: 20);
        ParsedActivity noTimer = new()
        {
            Format = run.Format,
            Sport = run.Sport,
            StartUtc = run.StartUtc,
            Samples = run.Samples,
            Sessions = [.. run.Sessions.Select(session => session with { TimerTime = null })],
            Laps = [.. run.Laps.Select(lap => lap with { TimerTime = null })],
        };
        byte[] file = FitActivityWriter.Write(noTimer);
        Assert.All(ActivityFile.Read(file).Sessions, session => Assert.Null(session.TimerTime)); // the file states no total_timer_time

        Guid id = await UploadTests.CreatedIdAsync(await host.UploadAsync(key, file, fileName: "no-timer.fit"));

        JsonElement detail = await host.GetJsonAsync($"/api/activities/{id}", key);
        Assert.InRange(detail.GetProperty("activity").GetProperty("movingSeconds").GetDouble(), 20 * 60 * 0.95, 20 * 60 + 1);
        Assert.NotEqual("timer", detail.GetProperty("metrics").GetProperty("movingTimeSource").GetString());
    }
}
