using RunRecovery.Api.Tests.Infrastructure;
using RunRecovery.Formats.Fit.Encoding;
using RunRecovery.Formats.Model;

namespace RunRecovery.Web.Tests.Infrastructure;

/// <summary>
/// Runs for the dashboard's pages, written with our own FIT writer: a loop around a hill (a route worth a map,
/// a pace, heart-rate and elevation trace that move), or the same run with no positions (a treadmill).
/// </summary>
public static class LoopRuns
{
    /// <summary>A 1 Hz run of <paramref name="minutes"/> around a ~1.4 km circle near Ljubljana, 3 m/s with surges.</summary>
    public static ParsedActivity Loop(DateTimeOffset start, int minutes, bool withPositions = true)
    {
        const double centerLat = 46.05, centerLon = 14.5, radiusMeters = 220;
        int seconds = minutes * 60;
        var samples = new List<ActivitySample>(seconds + 1);
        double distance = 0;
        for (int i = 0; i <= seconds; i++)
        {
            double speed = 3.0 + (0.6 * Math.Sin(i / 90.0)); // 2.4–3.6 m/s: the pace chart has something to show
            distance += i == 0 ? 0 : speed;
            double angle = distance / radiusMeters;
            double wobble = 1 + (0.15 * Math.Sin(angle * 3)); // not a perfect circle
            double lat = centerLat + (radiusMeters * wobble * Math.Sin(angle) / 111_320.0);
            double lon = centerLon + (radiusMeters * wobble * Math.Cos(angle) / (111_320.0 * Math.Cos(centerLat * Math.PI / 180)));
            samples.Add(new ActivitySample(
                start.AddSeconds(i),
                LatitudeDegrees: withPositions ? lat : null,
                LongitudeDegrees: withPositions ? lon : null,
                AltitudeMeters: 300 + (25 * Math.Sin(angle)),
                DistanceMeters: Math.Round(distance, 2),
                SpeedMetersPerSecond: Math.Round(speed, 3),
                HeartRateBpm: (int)Math.Round(145 + (12 * Math.Sin(i / 90.0)) + Math.Min(10, i / 120.0))));
        }

        var session = new ActivitySession
        {
            Sport = SportWords.Running,
            StartUtc = start,
            ElapsedTime = TimeSpan.FromSeconds(seconds),
            TimerTime = TimeSpan.FromSeconds(seconds),
            DistanceMeters = Math.Round(distance, 2),
            AvgHeartRateBpm = 150,
            MaxHeartRateBpm = 170,
        };
        return new ParsedActivity
        {
            Format = ActivityFormat.Fit,
            Sport = SportWords.Running,
            StartUtc = start,
            Samples = samples,
            Sessions = [session],
            Laps = [new ActivityLap { StartUtc = start, ElapsedTime = session.ElapsedTime, TimerTime = session.TimerTime, DistanceMeters = session.DistanceMeters }],
        };
    }

    public static byte[] Fit(DateTimeOffset start, int minutes = 50, bool withPositions = true) =>
        FitActivityWriter.Write(Loop(start, minutes, withPositions));

    /// <summary>Uploads a loop run as <paramref name="fileName"/>; returns the new activity's id.</summary>
    public static Task<Guid> UploadAsync(RunnerHost host, string key, DateTimeOffset start, string fileName, int minutes = 50, bool withPositions = true) =>
        UploadAsync(host, key, Fit(start, minutes, withPositions), fileName);

    /// <summary>Uploads a FIT file as <paramref name="fileName"/>; returns the new activity's id.</summary>
    public static async Task<Guid> UploadAsync(RunnerHost host, string key, byte[] fit, string fileName)
    {
        using HttpResponseMessage response = await host.UploadAsync(key, fit, fileName: fileName);
        string body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"Upload answered {(int)response.StatusCode}: {body}");
        return System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("files")[0].GetProperty("activity").GetProperty("id").GetGuid();
    }
}
