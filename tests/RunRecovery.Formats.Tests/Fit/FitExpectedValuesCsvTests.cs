using System.Globalization;
using RunRecovery.Formats.Fit;
using RunRecovery.Formats.Fit.Profile;
using RunRecovery.Formats.Model;
using Xunit;

namespace RunRecovery.Formats.Tests.Fit;

/// <summary>
/// python-fitparse's expected-value CSVs, compared record by record (CATALOG.md, "Expected-value CSVs"):
/// timestamps exact, numbers within the field's resolution. CSV quirks: times are UTC − 7 h printed as "PDT";
/// an invalid cadence is written as 0; an invalid position repeats the last valid one; empty cell = no value.
/// </summary>
public sealed class FitExpectedValuesCsvTests
{
    [Theory]
    [InlineData("garmin-edge-500-activity")]
    [InlineData("garmin-edge-820-bike")]
    [InlineData("garmin-fenix-5-bike")]
    [InlineData("garmin-fenix-5-run")]
    [InlineData("garmin-fenix-5-walk")]
    public void Records_match_the_garmin_csv(string name)
    {
        Assert.SkipWhen(FixtureCorpus.Directory is null, FixtureCorpus.SkipReason);
        var activity = FitActivityReader.Read(FitCorpusTests.Read(name + ".fit"));
        string[] rows = File.ReadAllLines(FixtureCorpus.PathOf(Path.Combine("fit", name + "-records.csv")));
        Assert.Equal("timestamp,heart_rate,cadence,speed,distance,position_lat,position_long,altitude,temperature", rows[0].TrimEnd('\r'));
        Assert.Equal(rows.Length - 1, activity.Samples.Count);

        long? lastLat = null;
        long? lastLong = null;
        for (int i = 1; i < rows.Length; i++)
        {
            string[] c = rows[i].TrimEnd('\r').Split(',');
            ActivitySample s = activity.Samples[i - 1];
            string where = $"{name} row {i}";

            var pdt = DateTime.ParseExact(c[0], "ddd MMM dd HH:mm:ss 'PDT' yyyy", CultureInfo.InvariantCulture);
            Assert.Equal(new DateTimeOffset(pdt, TimeSpan.Zero).AddHours(7), s.Time);

            Assert.True(Int(c[1]) == s.HeartRateBpm, $"{where}: heart rate {c[1]} vs {s.HeartRateBpm}");
            int? cadence = (int?)s.CadenceRpm;
            Assert.True(c[2] == "0" ? cadence is null or 0 : Int(c[2]) == cadence, $"{where}: cadence {c[2]} vs {cadence}");
            Near(Num(c[3]), s.SpeedMetersPerSecond, 0.001, where + " speed");
            Near(Num(c[4]), s.DistanceMeters, 0.01, where + " distance");
            Near(Num(c[7]), s.AltitudeMeters, 0.2, where + " altitude");
            Near(Num(c[8]), s.TemperatureCelsius, 0, where + " temperature");

            long? lat = s.LatitudeDegrees is double la ? (long)Math.Round(la / FitProfile.DegreesPerSemicircle) : lastLat;
            long? lon = s.LongitudeDegrees is double lo ? (long)Math.Round(lo / FitProfile.DegreesPerSemicircle) : lastLong;
            Assert.True(Int(c[5]) == lat, $"{where}: latitude {c[5]} vs {lat}");
            Assert.True(Int(c[6]) == lon, $"{where}: longitude {c[6]} vs {lon}");
            lastLat = lat;
            lastLong = lon;
        }
    }

    [Fact]
    public void Compressed_speed_distance_records_match_their_csv()
    {
        Assert.SkipWhen(FixtureCorpus.Directory is null, FixtureCorpus.SkipReason);
        var activity = FitActivityReader.Read(FitCorpusTests.Read("compressed-speed-distance.fit"));
        string[] rows = File.ReadAllLines(FixtureCorpus.PathOf(Path.Combine("fit", "compressed-speed-distance-records.csv")));
        Assert.Equal(754, rows.Length - 1);
        Assert.Equal(rows.Length - 1, activity.Samples.Count); // the file's first, empty record is not a sample

        for (int i = 1; i < rows.Length; i++)
        {
            string[] c = rows[i].Split(',');
            ActivitySample s = activity.Samples[i - 1];
            string where = $"row {i}";
            Assert.Equal(long.Parse(c[0], CultureInfo.InvariantCulture), (long)(s.Time - FitProfile.Epoch).TotalSeconds);
            Assert.True(Int(c[1]) == s.HeartRateBpm, $"{where}: heart rate {c[1]} vs {s.HeartRateBpm}");
            Near(Num(c[2]), s.SpeedMetersPerSecond, 0.01, where + " speed");     // 12 bits, scale 100
            Near(Num(c[3]), s.DistanceMeters, 1.0 / 16, where + " distance");  // 12 bits, scale 16, accumulated
            Assert.True(Int(c[4]) == (int?)s.CadenceRpm, $"{where}: cadence {c[4]} vs {s.CadenceRpm}");
        }
    }

    private static int? Int(string cell) =>
        cell.Length == 0 || cell == "null" ? null : int.Parse(cell, CultureInfo.InvariantCulture);

    private static double? Num(string cell) =>
        cell.Length == 0 || cell == "null" ? null : double.Parse(cell, CultureInfo.InvariantCulture);

    private static void Near(double? expected, double? actual, double resolution, string what)
    {
        Assert.True(expected is null == actual is null, $"{what}: {expected} vs {actual}");
        if (expected is double e)
        {
            Assert.True(Math.Abs(e - actual!.Value) <= resolution + 1e-9, $"{what}: {e} vs {actual}");
        }
    }
}
