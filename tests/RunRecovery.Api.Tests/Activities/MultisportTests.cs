using System.Net;
using System.Text.Json;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using RunRecovery.Api.Tests.Infrastructure;
using RunRecovery.Application.Activities.Sessions;
using RunRecovery.Application.Rescoring;
using RunRecovery.Formats.Fit.Encoding;
using RunRecovery.Formats.Model;

namespace RunRecovery.Api.Tests.Activities;

/// <summary>Issue 15, multisport: a five-session triathlon is one multisport activity listing its sessions, scored per session.</summary>
public sealed class MultisportTests(RunnerHost host) : IClassFixture<RunnerHost>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_triathlon_is_multisport_with_each_session_listed_with_its_own_sport_and_totals()
    {
        (_, string key) = await host.CreateRunnerAsync();

        JsonElement activity = await UploadAsync(key, Triathlon.Fit(SyntheticRuns.HoursAgo(30)));

        Assert.Equal("multisport", activity.GetProperty("sport").GetString());
        Assert.EndsWith(" multisport", activity.GetProperty("name").GetString(), StringComparison.Ordinal);
        Assert.Equal(Triathlon.TotalMeters, activity.GetProperty("distanceMeters").GetDouble(), 0);
        JsonElement detail = await host.GetJsonAsync(activity.GetProperty("link").GetString()!, key);
        JsonElement[] sessions = [.. detail.GetProperty("sessions").EnumerateArray()];
        Assert.Equal(["swimming", "transition", "cycling", "transition", "running"], sessions.Select(s => s.GetProperty("sport").GetString()));
        Assert.Equal([1, 2, 3, 4, 5], sessions.Select(s => s.GetProperty("number").GetInt32()));
        Assert.Equal(Triathlon.Legs.Select(leg => leg.Meters), sessions.Select(s => s.GetProperty("distanceMeters").GetDouble()));
        Assert.Equal(Triathlon.Legs.Select(leg => leg.Minutes * 60.0), sessions.Select(s => s.GetProperty("movingSeconds").GetDouble()));
        Assert.Equal(Triathlon.Legs.Select(leg => leg.HeartRateBpm + 1), sessions.Select(s => s.GetProperty("averageHeartRateBpm").GetInt32()));

        // The run's cadence is in steps (its strides doubled), the ride's in rpm: each session its own unit.
        Assert.Equal("steps/min", sessions[4].GetProperty("cadenceUnit").GetString());
        Assert.Equal(170, sessions[4].GetProperty("averageCadence").GetDouble(), 0);
        Assert.Equal("rpm", sessions[2].GetProperty("cadenceUnit").GetString());

        JsonElement list = await host.GetJsonAsync("/api/activities?sport=multisport", key);
        Assert.Single(list.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task Each_session_is_scored_with_its_own_sport_the_run_loads_running_muscles_and_the_ride_does_not()
    {
        (Guid runnerId, string key) = await host.CreateRunnerAsync();
        JsonElement activity = await UploadAsync(key, Triathlon.Fit(SyntheticRuns.HoursAgo(30)));
        Guid id = activity.GetProperty("id").GetGuid();

        await host.InScopeAsync(async services => await services.GetRequiredService<ISender>().Send(new ScoreRunner(runnerId), Cancel));

        JsonElement detail = await host.GetJsonAsync($"/api/activities/{id}", key);
        Assert.Equal("scored", detail.GetProperty("scoring").GetProperty("state").GetString());
        JsonElement[] loads = [.. detail.GetProperty("loads").EnumerateArray()];
        Assert.Equal([$"{id}#1", $"{id}#2", $"{id}#3", $"{id}#4", $"{id}#5"], loads.Select(l => l.GetProperty("id").GetString()));
        Assert.Equal(["swimming", "transition", "cycling", "transition", "running"], loads.Select(l => l.GetProperty("sport").GetString()));
        Assert.Equal([false, false, false, false, true], loads.Select(l => l.GetProperty("loadsRunningMuscles").GetBoolean()));
        Assert.True(loads[4].GetProperty("muscleLoad").GetProperty("calves").GetDouble() > 0);
        Assert.Equal(0, loads[2].GetProperty("muscleLoad").GetProperty("calves").GetDouble());

        // Transitions count as time: their minutes carry cardio load like any other.
        Assert.Equal(TimeSpan.FromMinutes(2), TimeSpan.Parse(loads[1].GetProperty("movingTime").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.All(loads, l => Assert.True(l.GetProperty("cardioLoad").GetDouble() > 0));
    }

    [Fact]
    public async Task An_activity_stored_before_sessions_is_read_again_and_becomes_multisport_unless_the_runner_chose_its_sport()
    {
        (Guid runnerId, string key) = await host.CreateRunnerAsync();
        Guid tri = (await UploadAsync(key, Triathlon.Fit(SyntheticRuns.HoursAgo(30)))).GetProperty("id").GetGuid();
        Guid patched = (await UploadAsync(key, Triathlon.Fit(SyntheticRuns.HoursAgo(60)))).GetProperty("id").GetGuid();
        Guid run = (await UploadAsync(key, SyntheticRuns.Fit(SyntheticRuns.HoursAgo(90)))).GetProperty("id").GetGuid();

        // As the previous version stored them: no sessions; the triathlon as its first leg's sport with the name that
        // sport generated; the second as a runner's own sport and name.
        await host.ScalarAsync(
            "UPDATE runrecovery.activities SET sessions = NULL, sport = 'swimming', name = regexp_replace(name, 'multisport$', 'swim') WHERE id = $1", tri);
        await host.ScalarAsync("UPDATE runrecovery.activities SET sessions = NULL, sport = 'running', name = 'Race day' WHERE id = $1", patched);
        await host.ScalarAsync("UPDATE runrecovery.activities SET sessions = NULL WHERE id = $1", run);

        await host.InScopeAsync(async services =>
        {
            await new ReadActivitySessionsJob(services.GetRequiredService<ISender>()).RunAsync(Cancel);
            return 0;
        });

        Assert.Equal(0, await host.ScalarAsync("SELECT count(*) FROM runrecovery.activities WHERE runner_id = $1 AND sessions IS NULL", runnerId));
        JsonElement detail = await host.GetJsonAsync($"/api/activities/{tri}", key);
        Assert.Equal("multisport", detail.GetProperty("activity").GetProperty("sport").GetString());
        Assert.EndsWith(" multisport", detail.GetProperty("activity").GetProperty("name").GetString(), StringComparison.Ordinal);
        Assert.Equal(5, detail.GetProperty("sessions").GetArrayLength());

        JsonElement kept = await host.GetJsonAsync($"/api/activities/{patched}", key);
        Assert.Equal("running", kept.GetProperty("activity").GetProperty("sport").GetString());
        Assert.Equal("Race day", kept.GetProperty("activity").GetProperty("name").GetString());
        Assert.Equal(5, kept.GetProperty("sessions").GetArrayLength());

        JsonElement single = await host.GetJsonAsync($"/api/activities/{run}", key);
        Assert.Equal(0, single.GetProperty("sessions").GetArrayLength());
        Assert.Equal(1, await host.ScalarAsync("SELECT count(*) FROM runrecovery.activities WHERE id = $1 AND sessions::jsonb = '[]'::jsonb", run));

        // Filled rows are not read again.
        int again = await host.InScopeAsync(async services => await services.GetRequiredService<ISender>().Send(new ReadActivitySessions(), Cancel));
        Assert.Equal(0, again);
    }

    [Fact]
    public async Task Each_leg_is_held_to_its_own_sports_fastest_speed_not_the_catch_all_of_multisport()
    {
        // 20 m/s: a car, not a runner (running's limit is 12.5 m/s), but an ordinary descent on a bike (40 m/s).
        // Before, the whole file's sport, multisport, held every leg to the 71 m/s catch-all and both were kept.
        ParsedActivity triathlon = Triathlon.Activity(SyntheticRuns.HoursAgo(30));
        ActivitySession ride = triathlon.Sessions[2], run = triathlon.Sessions[4];
        var samples = triathlon.Samples.ToArray();
        int rideSample = ride.FirstSampleIndex + 100, runSample = run.FirstSampleIndex + 100;
        samples[rideSample] = samples[rideSample] with { SpeedMetersPerSecond = 20 };
        samples[runSample] = samples[runSample] with { SpeedMetersPerSecond = 20 };
        (_, string key) = await host.CreateRunnerAsync();

        using HttpResponseMessage response = await host.UploadAsync(
            key, FitActivityWriter.Write(new ParsedActivity { Format = triathlon.Format, Sport = triathlon.Sport, StartUtc = triathlon.StartUtc, Samples = samples, Sessions = triathlon.Sessions }),
            fileName: "tri.fit");
        string body = await response.Content.ReadAsStringAsync(Cancel);

        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        JsonElement warning = JsonDocument.Parse(body).RootElement.GetProperty("files")[0].GetProperty("warnings").EnumerateArray()
            .Single(w => w.GetProperty("code").GetString() == "speed-out-of-range");
        Assert.Equal("1 speeds above 12.5 m/s (the fastest running) were left out (docs/security.md, plausibility limits).", warning.GetProperty("message").GetString());
    }

    private async Task<JsonElement> UploadAsync(string key, byte[] file)
    {
        using HttpResponseMessage response = await host.UploadAsync(key, file, fileName: "tri.fit");
        string body = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("files")[0].GetProperty("activity");
    }
}
