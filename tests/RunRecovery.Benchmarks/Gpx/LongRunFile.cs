using RunRecovery.Formats.Gpx;
using RunRecovery.Formats.Model;
using RunRecovery.Scoring.Metrics;

namespace RunRecovery.Benchmarks.Gpx;

/// <summary>
/// The benchmark input: a 10-hour run recorded at 1 Hz (36,000 points, ~8 MB) as a Garmin-style GPX 1.1 with
/// ele, time and TrackPointExtension hr + cad on every point, winding at 2.5–3.5 m/s over rolling hills,
/// with a few standing stops. Deterministic (fixed seed).
/// </summary>
public static class LongRunFile
{
    public const int Points = 36_000;

    public static byte[] Create()
    {
        var random = new Random(20240501);
        var samples = new List<ActivitySample>(Points);
        var start = new DateTimeOffset(2024, 5, 1, 5, 0, 0, TimeSpan.Zero);
        double lat = 46.05, lon = 14.50, bearing = 40, distance = 0;
        for (int t = 0; t < Points; t++)
        {
            bool standing = t % 3600 is > 1800 and < 1860;
            double speed = standing ? 0 : 3.0 + (0.5 * Math.Sin(t / 300.0));
            bearing += (random.NextDouble() - 0.5) * 6;
            if (speed > 0)
            {
                (lat, lon) = Geodesy.Destination(lat, lon, bearing, speed);
                distance += speed;
            }

            double jitterLat = standing ? (random.NextDouble() - 0.5) * 2e-5 : 0;
            double altitude = 300 + (80 * Math.Sin(distance / 2500)) + (random.NextDouble() * 0.4);
            int hr = (int)(140 + (15 * Math.Sin(t / 900.0)) + (random.NextDouble() * 3));
            samples.Add(new ActivitySample(start.AddSeconds(t), lat + jitterLat, lon, Math.Round(altitude, 1), HeartRateBpm: hr, CadenceRpm: standing ? 0 : 85 + random.Next(0, 5)));
        }

        return GpxWriter.ToBytes(samples, type: "running");
    }
}
