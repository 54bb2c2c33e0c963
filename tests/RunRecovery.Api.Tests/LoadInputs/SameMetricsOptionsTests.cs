using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RunRecovery.Api.Tests.Activities;
using RunRecovery.Api.Tests.Infrastructure;
using RunRecovery.Cli.Inspect;
using RunRecovery.Scoring.Planning;

namespace RunRecovery.Api.Tests.LoadInputs;

/// <summary>The service and the CLI measure a file with the same runner-aware options (MetricsOptions.For).</summary>
public sealed class SameMetricsOptionsTests(RunnerHost host) : IClassFixture<RunnerHost>
{
    [Fact]
    public async Task An_upload_is_measured_with_the_runners_heart_rate_thresholds_exactly_as_the_cli_measures_it()
    {
        (_, string key) = await host.CreateRunnerAsync();
        using (HttpResponseMessage put = await host.SendAsync(
            HttpMethod.Put, "/api/runners/me/profile", key, JsonContent.Create(new { maxHeartRateBpm = 176, restingHeartRateBpm = 52 })))
        {
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        }

        byte[] file = SyntheticRuns.Fit(SyntheticRuns.HoursAgo(5), 30);
        Guid id = await UploadTests.CreatedIdAsync(await host.UploadAsync(key, file));
        JsonElement heartRate = (await host.GetJsonAsync($"/api/activities/{id}", key)).GetProperty("metrics").GetProperty("heartRate");

        InspectResult cli = InspectResult.From(
            new InspectInput("run.fit", file, null), new RunnerProfile { MaxHeartRateBpm = 176, RestingHeartRateBpm = 52 });
        TimeSpan[] cliZones = [.. cli.Figures!.Metrics.HeartRate!.TimeInZones];

        Assert.Equal("reserve", heartRate.GetProperty("zoneBasis").GetString());
        Assert.Equal(6, cliZones.Length);
        Assert.Contains(cliZones, zone => zone > TimeSpan.Zero);
        Assert.Equal(
            cliZones.Select(zone => zone.TotalSeconds),
            heartRate.GetProperty("timeInZones").EnumerateArray().Select(zone => TimeSpan.Parse(zone.GetString()!, System.Globalization.CultureInfo.InvariantCulture).TotalSeconds));
    }

    [Fact]
    public async Task Without_thresholds_neither_reports_zones()
    {
        (_, string key) = await host.CreateRunnerAsync();
        byte[] file = SyntheticRuns.Fit(SyntheticRuns.HoursAgo(6), 20);
        Guid id = await UploadTests.CreatedIdAsync(await host.UploadAsync(key, file));
        JsonElement heartRate = (await host.GetJsonAsync($"/api/activities/{id}", key)).GetProperty("metrics").GetProperty("heartRate");

        Assert.Empty(InspectResult.From(new InspectInput("run.fit", file, null), RunnerProfile.Default).Figures!.Metrics.HeartRate!.TimeInZones);
        Assert.False(heartRate.TryGetProperty("zoneBasis", out _));
        Assert.Equal(0, heartRate.GetProperty("timeInZones").GetArrayLength());
    }
}
