using System.Net;
using System.Text.Json;
using RunRecovery.Api.Tests.Infrastructure;

namespace RunRecovery.Api.Tests.Activities;

/// <summary>GET /api/activities/{id}/splits: per kilometre (the stored metrics' splits) or per mile; pace stays s/km.</summary>
public sealed class ActivitySplitsTests(RunnerHost host) : IClassFixture<RunnerHost>
{
    [Fact]
    public async Task Kilometre_splits_equal_the_stored_metrics_and_mile_splits_cut_the_same_run_at_1609_m()
    {
        (_, string key) = await host.CreateRunnerAsync();
        // 40 min at 3 m/s: 7200 m, so 7 whole km and 200 m, or 4 whole miles and 763.6 m.
        Guid id = await UploadTests.CreatedIdAsync(await host.UploadAsync(key, SyntheticRuns.Fit(SyntheticRuns.HoursAgo(5), 40)));

        JsonElement stored = (await host.GetJsonAsync($"/api/activities/{id}", key)).GetProperty("metrics").GetProperty("splits");
        JsonElement km = await host.GetJsonAsync($"/api/activities/{id}/splits", key);
        Assert.Equal("km", km.GetProperty("unit").GetString());
        Assert.Equal(1000, km.GetProperty("splitMeters").GetDouble());
        JsonElement[] kmSplits = [.. km.GetProperty("splits").EnumerateArray()];
        Assert.Equal(stored.GetArrayLength(), kmSplits.Length);
        Assert.Equal(8, kmSplits.Length);
        for (int i = 0; i < kmSplits.Length; i++)
        {
            Assert.Equal(TimeSpan.Parse(stored[i].GetProperty("movingTime").GetString()!, System.Globalization.CultureInfo.InvariantCulture).TotalSeconds,
                kmSplits[i].GetProperty("movingSeconds").GetDouble(), 0.1);
        }

        Assert.Equal(333.3, kmSplits[0].GetProperty("paceSecondsPerKm").GetDouble(), 0.2); // 1000 m at 3 m/s
        Assert.Equal(200, kmSplits[^1].GetProperty("distanceMeters").GetDouble(), 1);

        JsonElement mi = await host.GetJsonAsync($"/api/activities/{id}/splits?unit=mi", key);
        Assert.Equal("mi", mi.GetProperty("unit").GetString());
        Assert.Equal(1609.344, mi.GetProperty("splitMeters").GetDouble());
        JsonElement[] miles = [.. mi.GetProperty("splits").EnumerateArray()];
        Assert.Equal(5, miles.Length);
        Assert.Equal(1609.344, miles[0].GetProperty("distanceMeters").GetDouble(), 0.1);
        Assert.Equal(536.4, miles[0].GetProperty("movingSeconds").GetDouble(), 0.5); // 1609.344 m at 3 m/s
        Assert.Equal(333.3, miles[0].GetProperty("paceSecondsPerKm").GetDouble(), 0.2); // still per km
        Assert.Equal(7200 - (4 * 1609.344), miles[^1].GetProperty("distanceMeters").GetDouble(), 1);
    }

    [Fact]
    public async Task An_unknown_unit_is_a_validation_problem_and_another_runners_activity_is_not_found()
    {
        (_, string key) = await host.CreateRunnerAsync();
        (_, string other) = await host.CreateRunnerAsync();
        Guid id = await UploadTests.CreatedIdAsync(await host.UploadAsync(key, SyntheticRuns.Fit(SyntheticRuns.HoursAgo(5), 10)));

        using HttpResponseMessage furlongs = await host.SendAsync(HttpMethod.Get, $"/api/activities/{id}/splits?unit=furlong", key);
        Assert.True((await furlongs.ReadProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("unit", out _));

        using HttpResponseMessage foreign = await host.SendAsync(HttpMethod.Get, $"/api/activities/{id}/splits", other);
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
    }
}
