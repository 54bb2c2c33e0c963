#:project ../../src/RunRecovery.Formats/RunRecovery.Formats.csproj
#:property PublishAot=false

// Writes a club archive for the import benchmark: MEMBERS folders (m001…) × RUNS runs, alternating FIT and GPX,
// made by our own encoders. Each run is 30–50 minutes with a point every 4 s (a watch's "smart recording"),
// heart rate, position, altitude and distance; runs are a day apart, so none is a duplicate of another.
// Usage: dotnet run make-archive.cs OUT.zip [MEMBERS=100] [RUNS=100]
using System.Globalization;
using System.IO.Compression;
using RunRecovery.Formats.Fit.Encoding;
using RunRecovery.Formats.Gpx;
using RunRecovery.Formats.Model;

string output = args.Length > 0 ? args[0] : "club-10k.zip";
int members = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100;
int runs = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 100;
var random = new Random(20261125);
long raw = 0;
using (var zip = ZipFile.Open(output, ZipArchiveMode.Create))
{
    for (int m = 1; m <= members; m++)
    {
        for (int r = 0; r < runs; r++)
        {
            DateTimeOffset start = new DateTimeOffset(2026, 11, 24, 6, 0, 0, TimeSpan.Zero).AddDays(-r).AddMinutes(random.Next(0, 600));
            int points = random.Next(450, 750);
            double speed = 2.6 + (random.NextDouble() * 1.2);
            var samples = new ActivitySample[points];
            for (int i = 0; i < points; i++)
            {
                double meters = i * 4 * speed;
                samples[i] = new ActivitySample(
                    start.AddSeconds(i * 4),
                    LatitudeDegrees: 48.1 + (m * 0.01) + (meters / 111_320.0),
                    LongitudeDegrees: 11.5 + (Math.Sin(i / 40.0) * 0.002),
                    AltitudeMeters: 520 + (Math.Sin(i / 60.0) * 15),
                    DistanceMeters: meters,
                    SpeedMetersPerSecond: speed,
                    HeartRateBpm: 128 + (int)(speed * 8) + (i % 15));
            }

            bool fit = (m + r) % 2 == 0;
            byte[] content = fit
                ? FitActivityWriter.Write(new ParsedActivity { Format = ActivityFormat.Fit, Sport = "running", StartUtc = start, Samples = samples })
                : GpxWriter.ToBytes(samples, type: "running");
            raw += content.Length;
            ZipArchiveEntry entry = zip.CreateEntry($"m{m:000}/{start:yyyy-MM-dd-HHmm}.{(fit ? "fit" : "gpx")}", CompressionLevel.Fastest);
            using Stream stream = entry.Open();
            stream.Write(content);
        }
    }
}

Console.WriteLine($"archive={output} members={members} runs={members * runs} raw_bytes={raw} zip_bytes={new FileInfo(output).Length}");
