using System.IO.Compression;
using RunRecovery.Formats.Fit.Encoding;
using RunRecovery.Formats.Gpx;
using RunRecovery.Formats.Model;

namespace RunRecovery.Api.Tests.Imports;

/// <summary>Builds club archives in memory from runs made by our own FIT and GPX encoders.</summary>
internal sealed class ClubArchive
{
    private readonly List<(string Name, byte[] Content, CompressionLevel Level)> _entries = [];

    public ClubArchive Add(string name, byte[] content, CompressionLevel level = CompressionLevel.Fastest)
    {
        _entries.Add((name, content, level));
        return this;
    }

    public byte[] Build()
    {
        using var memory = new MemoryStream();
        using (var zip = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach ((string name, byte[] content, CompressionLevel level) in _entries)
            {
                using Stream stream = zip.CreateEntry(name, level).Open();
                stream.Write(content);
            }
        }

        return memory.ToArray();
    }

    /// <summary>A 10-minute run starting <paramref name="day"/> days after 1 Sep 2026 06:00 UTC (distinct days never count as duplicates).</summary>
    public static IReadOnlyList<ActivitySample> Run(int day, int seconds = 600, double speed = 3.0) =>
        Run(new DateTimeOffset(2026, 9, 1, 6, 0, 0, TimeSpan.Zero).AddDays(day), seconds, speed);

    public static IReadOnlyList<ActivitySample> Run(DateTimeOffset start, int seconds = 600, double speed = 3.0)
    {
        var samples = new ActivitySample[seconds / 2];
        for (int i = 0; i < samples.Length; i++)
        {
            double meters = i * 2 * speed;
            samples[i] = new ActivitySample(
                start.AddSeconds(i * 2),
                LatitudeDegrees: 51.5 + (meters / 111_320.0),
                LongitudeDegrees: -0.12,
                AltitudeMeters: 20 + (i % 50 * 0.2),
                DistanceMeters: meters,
                SpeedMetersPerSecond: speed,
                HeartRateBpm: 130 + (i % 20));
        }

        return samples;
    }

    public static byte[] Fit(int day, int seconds = 600) => FitActivityWriter.Write(new ParsedActivity
    {
        Format = ActivityFormat.Fit,
        Sport = SportWords.Running,
        StartUtc = Run(day, seconds)[0].Time,
        Samples = Run(day, seconds),
    });

    public static byte[] Fit(DateTimeOffset start, int seconds = 600) => FitActivityWriter.Write(new ParsedActivity
    {
        Format = ActivityFormat.Fit,
        Sport = SportWords.Running,
        StartUtc = start,
        Samples = Run(start, seconds),
    });

    public static byte[] Gpx(int day, int seconds = 600) => GpxWriter.ToBytes(Run(day, seconds), type: "running");

    public static byte[] Gzip(byte[] content)
    {
        using var memory = new MemoryStream();
        using (var gzip = new GZipStream(memory, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(content);
        }

        return memory.ToArray();
    }
}
