using RunRecovery.Formats.Fit.Encoding;
using RunRecovery.Formats.Model;

namespace RunRecovery.Benchmarks.Fit;

/// <summary>The benchmark input: a 10-hour 1 Hz run (36,000 records) written by our encoder.</summary>
public static class FitBenchmarkFiles
{
    public const int TenHoursOfSeconds = 10 * 3600;

    public static byte[] TenHourRun() => FitActivityWriter.Write(Run(TenHoursOfSeconds));

    public static ParsedActivity Run(int seconds)
    {
        var start = new DateTimeOffset(2024, 6, 1, 5, 0, 0, TimeSpan.Zero);
        var samples = new List<ActivitySample>(seconds);
        var random = new Random(42);
        double distance = 0;
        double altitude = 420;
        for (int i = 0; i < seconds; i++)
        {
            double speed = 2.8 + (random.NextDouble() * 0.6);
            distance += speed;
            altitude += (random.NextDouble() - 0.5) * 0.8;
            samples.Add(new ActivitySample(
                start.AddSeconds(i),
                LatitudeDegrees: 46.05 + (distance * 0.000006),
                LongitudeDegrees: 14.5 + (distance * 0.000004),
                AltitudeMeters: Math.Round(altitude, 1),
                DistanceMeters: Math.Round(distance, 2),
                SpeedMetersPerSecond: Math.Round(speed, 3),
                HeartRateBpm: 130 + random.Next(0, 40),
                CadenceRpm: 84 + random.Next(0, 8),
                PowerWatts: 240 + random.Next(0, 60),
                TemperatureCelsius: 17));
        }

        var session = new ActivitySession
        {
            Sport = SportWords.Running,
            StartUtc = start,
            ElapsedTime = TimeSpan.FromSeconds(seconds),
            TimerTime = TimeSpan.FromSeconds(seconds),
            DistanceMeters = Math.Round(distance, 2),
        };
        return new ParsedActivity
        {
            Format = ActivityFormat.Fit,
            Sport = SportWords.Running,
            StartUtc = start,
            UtcOffset = TimeSpan.FromHours(2),
            Samples = samples,
            Sessions = [session],
            Laps = [.. Enumerable.Range(0, seconds / 300).Select(k => new ActivityLap
            {
                StartUtc = start.AddSeconds(k * 300),
                ElapsedTime = TimeSpan.FromSeconds(300),
                TimerTime = TimeSpan.FromSeconds(300),
            })],
        };
    }
}
