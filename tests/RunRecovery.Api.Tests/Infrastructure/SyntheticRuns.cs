using RunRecovery.Formats.Fit.Encoding;
using RunRecovery.Formats.Gpx;
using RunRecovery.Formats.Model;

namespace RunRecovery.Api.Tests.Infrastructure;

/// <summary>Runs written with our own FIT and GPX writers: a 1 Hz steady run with position, altitude, distance and heart rate.</summary>
public static class SyntheticRuns
{
    public static ParsedActivity Run(DateTimeOffset start, int minutes, double metersPerSecond = 3.0, int heartRateBpm = 150)
    {
        int seconds = minutes * 60;
        var samples = new List<ActivitySample>(seconds + 1);
        for (int i = 0; i <= seconds; i++)
        {
            samples.Add(new ActivitySample(
                start.AddSeconds(i),
                LatitudeDegrees: 46.05 + (i * metersPerSecond / 111_320.0),
                LongitudeDegrees: 14.5,
                AltitudeMeters: 300,
                DistanceMeters: Math.Round(i * metersPerSecond, 2),
                SpeedMetersPerSecond: metersPerSecond,
                HeartRateBpm: heartRateBpm + (i % 5)));
        }

        var session = new ActivitySession
        {
            Sport = SportWords.Running,
            StartUtc = start,
            ElapsedTime = TimeSpan.FromSeconds(seconds),
            TimerTime = TimeSpan.FromSeconds(seconds),
            DistanceMeters = seconds * metersPerSecond,
            AvgHeartRateBpm = heartRateBpm + 2,
            MaxHeartRateBpm = heartRateBpm + 4,
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

    public static byte[] Fit(DateTimeOffset start, int minutes = 45, double metersPerSecond = 3.0) =>
        FitActivityWriter.Write(Run(start, minutes, metersPerSecond));

    public static byte[] Gpx(DateTimeOffset start, int minutes = 45, double metersPerSecond = 3.0) =>
        GpxWriter.ToBytes(Run(start, minutes, metersPerSecond).Samples, type: "running");

    /// <summary>A start on a whole second some hours before now (FIT stores whole seconds).</summary>
    public static DateTimeOffset HoursAgo(double hours)
    {
        DateTimeOffset at = DateTimeOffset.UtcNow.AddHours(-hours);
        return new DateTimeOffset(at.Year, at.Month, at.Day, at.Hour, at.Minute, at.Second, TimeSpan.Zero);
    }
}
