using System.Xml.Linq;
using RunRecovery.Formats.Fit;
using RunRecovery.Formats.Fit.Encoding;
using RunRecovery.Formats.Gpx;
using RunRecovery.Formats.Model;
using RunRecovery.Formats.Tcx;
using RunRecovery.Formats.Tests.Fit;
using Xunit;

namespace RunRecovery.Formats.Tests.Export;

/// <summary>
/// Issue 15, export: an activity written by our FIT, GPX and TCX encoders reads back through our own readers with the
/// same samples, within each format's stated resolution: FIT 1 s, 1 semicircle (8.4e-8°), 1 cm, 1 mm/s, 0.2 m altitude;
/// GPX and TCX 1 ms, 1e-9°, 1 mm; TCX cadence whole numbers (unsignedByte); GPX keeps no distance or speed.
/// </summary>
public sealed class ExportRoundTripTests
{
    private static readonly XNamespace Tcx = "http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2";

    public static TheoryData<ActivityFormat> Formats() => [ActivityFormat.Fit, ActivityFormat.Gpx, ActivityFormat.Tcx];

    [Theory]
    [MemberData(nameof(Formats))]
    public void An_encoder_built_run_reads_back_with_its_times_positions_distance_and_heart_rate(ActivityFormat format)
    {
        ParsedActivity run = FitTestFiles.Run(600);

        ParsedActivity copy = ActivityFile.Read(Write(run, format, "Tempo"), "export");

        Assert.Equal(format, copy.Format);
        Assert.Equal(SportWords.Running, copy.Sport);
        AssertSameSamples(run.Samples, copy.Samples, format);
        double statedDistance = run.Sessions[0].DistanceMeters!.Value;
        if (format != ActivityFormat.Gpx)
        {
            Assert.Equal(statedDistance, copy.Sessions.Sum(s => s.DistanceMeters ?? 0), 2);
            Assert.Equal(run.Sessions[0].TimerTime!.Value.TotalSeconds, copy.Sessions.Sum(s => s.TimerTime?.TotalSeconds ?? 0), 3);
        }
    }

    public static TheoryData<string, ActivityFormat> CorpusFiles()
    {
        var data = new TheoryData<string, ActivityFormat>();
        foreach (string file in new[] { "fit/garmin-fenix-5-run.fit", "gpx/run_gpxtpx.gpx", "tcx/2020-12-02T06_08_29-300_Running.tcx" })
        {
            foreach (ActivityFormat format in Enum.GetValues<ActivityFormat>())
            {
                data.Add(file, format);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CorpusFiles))]
    public void A_real_device_file_written_in_each_format_reads_back_with_the_same_samples(string file, ActivityFormat format)
    {
        Assert.SkipWhen(FixtureCorpus.Directory is null, FixtureCorpus.SkipReason);
        ParsedActivity original = ActivityFile.Read(File.ReadAllBytes(FixtureCorpus.PathOf(file)), file);
        Assert.NotEmpty(original.Samples);

        ParsedActivity copy = ActivityFile.Read(Write(original, format, null), "export");

        if (original.Sport != null)
        {
            Assert.Equal(original.Sport, copy.Sport); // unknown has no word in TCX (Other) or FIT (generic)
        }

        AssertSameSamples(original.Samples, copy.Samples, format);
        if (format != ActivityFormat.Gpx && original.Format != ActivityFormat.Gpx)
        {
            // The stated totals travel with the laps (TCX) and sessions (FIT).
            Assert.Equal(original.Sessions.Sum(s => s.DistanceMeters ?? 0), copy.Sessions.Sum(s => s.DistanceMeters ?? 0), 1);
        }
    }

    [Fact]
    public void Tcx_is_well_formed_with_a_name_holding_markup_and_characters_xml_cannot_carry()
    {
        string name = "Hills <& \"repeats\"> 'n' \u0001 bell \u0007 & \U0001F3C3";

        byte[] tcx = TcxWriter.ToBytes(FitTestFiles.Run(60), name);

        XDocument document = XDocument.Load(new MemoryStream(tcx)); // throws when not well-formed
        Assert.Equal("Hills <& \"repeats\"> 'n'  bell  & \U0001F3C3", document.Descendants(Tcx + "Notes").Single().Value);
        Assert.Equal(60, document.Descendants(Tcx + "Trackpoint").Count());
        Assert.Equal("Running", document.Descendants(Tcx + "Activity").Single().Attribute("Sport")?.Value);
        Assert.Equal(60, TcxReader.Read(tcx).Samples.Count);
    }

    [Fact]
    public void Gpx_is_well_formed_with_a_name_holding_markup_and_reads_back_with_that_name()
    {
        string name = "Hills <& \"repeats\"> \u0001";

        byte[] gpx = GpxWriter.ToBytes(FitTestFiles.Run(60).Samples, type: "running", name: name);

        XDocument document = XDocument.Load(new MemoryStream(gpx));
        Assert.Equal("Hills <& \"repeats\"> ", document.Descendants().Single(e => e.Name.LocalName == "name").Value);
        Assert.Equal("Hills <& \"repeats\">", GpxReader.Read(gpx).Name); // the reader trims
    }

    [Fact]
    public void Tcx_keeps_each_stated_lap_with_its_totals_and_its_own_trackpoints()
    {
        ParsedActivity run = FitTestFiles.Run(600);
        ActivityLap whole = run.Laps[0];
        ActivityLap first = whole with { TimerTime = TimeSpan.FromSeconds(300), ElapsedTime = TimeSpan.FromSeconds(300), DistanceMeters = 960 };
        ActivityLap second = whole with { StartUtc = FitTestFiles.At(300), TimerTime = TimeSpan.FromSeconds(299), ElapsedTime = TimeSpan.FromSeconds(299), DistanceMeters = 960 };
        var twoLaps = new ParsedActivity { Format = ActivityFormat.Fit, Sport = SportWords.Running, StartUtc = run.StartUtc, Samples = run.Samples, Sessions = run.Sessions, Laps = [first, second] };

        byte[] tcx = TcxWriter.ToBytes(twoLaps);

        XDocument document = XDocument.Load(new MemoryStream(tcx));
        int[] pointsPerLap = [.. document.Descendants(Tcx + "Lap").Select(l => l.Descendants(Tcx + "Trackpoint").Count())];
        Assert.Equal([300, 300], pointsPerLap);
        ParsedActivity copy = TcxReader.Read(tcx);
        Assert.Equal([300.0, 299.0], copy.Laps.Select(l => l.TimerTime!.Value.TotalSeconds));
        Assert.Equal([960.0, 960.0], copy.Laps.Select(l => l.DistanceMeters!.Value));
        Assert.Equal(FitTestFiles.At(300), copy.Laps[1].StartUtc);
    }

    [Fact]
    public void Tcx_writes_one_activity_per_session_with_its_sport()
    {
        ParsedActivity run = FitTestFiles.Run(200);
        ActivitySession ride = run.Sessions[0] with { Sport = SportWords.Cycling, FirstSampleIndex = 0, SampleCount = 100, DistanceMeters = 320 };
        ActivitySession leg = run.Sessions[0] with { StartUtc = FitTestFiles.At(100), FirstSampleIndex = 100, SampleCount = 100, DistanceMeters = 320 };
        var brick = new ParsedActivity { Format = ActivityFormat.Fit, Sport = SportWords.Cycling, StartUtc = run.StartUtc, Samples = run.Samples, Sessions = [ride, leg] };

        ParsedActivity copy = TcxReader.Read(TcxWriter.ToBytes(brick));

        Assert.Equal([SportWords.Cycling, SportWords.Running], copy.Sessions.Select(s => s.Sport));
        Assert.Equal([100, 100], copy.Sessions.Select(s => s.SampleCount));
        AssertSameSamples(run.Samples, copy.Samples, ActivityFormat.Tcx);
    }

    private static byte[] Write(ParsedActivity activity, ActivityFormat format, string? name) => format switch
    {
        ActivityFormat.Fit => FitActivityWriter.Write(activity),
        ActivityFormat.Gpx => GpxWriter.ToBytes(activity.Samples, activity.SegmentStartIndices, activity.Sport ?? "unknown", name),
        _ => TcxWriter.ToBytes(activity, name),
    };

    private static void AssertSameSamples(IReadOnlyList<ActivitySample> expected, IReadOnlyList<ActivitySample> actual, ActivityFormat format)
    {
        var timed = expected.Where(s => !s.TimeMissing).ToList();
        Assert.Equal(timed.Count, actual.Count);
        bool fit = format == ActivityFormat.Fit;
        double position = fit ? 1e-7 : 1e-8;
        for (int i = 0; i < timed.Count; i++)
        {
            ActivitySample e = timed[i];
            ActivitySample a = actual[i];
            Assert.True(Math.Abs((e.Time - a.Time).TotalSeconds) <= (fit ? 1 : 0.001), $"sample {i}: time {e.Time:O} became {a.Time:O}");
            Assert.Equal(e.HasPosition, a.HasPosition);
            if (e.HasPosition)
            {
                Assert.True(Math.Abs(e.LatitudeDegrees!.Value - a.LatitudeDegrees!.Value) <= position, $"sample {i}: latitude");
                Assert.True(Math.Abs(e.LongitudeDegrees!.Value - a.LongitudeDegrees!.Value) <= position, $"sample {i}: longitude");
            }

            Assert.Equal(e.HeartRateBpm, a.HeartRateBpm);
            Near(e.AltitudeMeters, a.AltitudeMeters, fit ? 0.2 : 0.001, i, "altitude");
            if (format != ActivityFormat.Gpx)
            {
                Near(e.DistanceMeters, a.DistanceMeters, fit ? 0.01 : 0.001, i, "distance");
                Near(e.SpeedMetersPerSecond, a.SpeedMetersPerSecond, 0.001, i, "speed");
            }

            Near(e.CadenceRpm, a.CadenceRpm, format == ActivityFormat.Tcx ? 0.5 : 0.05, i, "cadence");
        }
    }

    private static void Near(double? expected, double? actual, double tolerance, int index, string what)
    {
        Assert.True(expected is null == actual is null, $"sample {index}: {what} {expected} became {actual}");
        if (expected is { } e && actual is { } a)
        {
            Assert.True(Math.Abs(e - a) <= tolerance + 1e-9, $"sample {index}: {what} {e} became {a}");
        }
    }
}
