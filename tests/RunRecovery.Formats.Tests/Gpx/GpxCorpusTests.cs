using RunRecovery.Formats.Errors;
using RunRecovery.Formats.Model;
using Xunit;

namespace RunRecovery.Formats.Tests.Gpx;

/// <summary>
/// Every GPX file of the shared corpus, checked against the facts in fixtures/CATALOG.md (point counts, and how
/// many points carry elevation, time and heart rate), which were counted by a separate namespace-aware walker.
/// </summary>
public sealed class GpxCorpusTests
{
    public static TheoryData<string> AllGpxFiles()
    {
        var data = new TheoryData<string>();
        if (FixtureCorpus.Directory is { } root && System.IO.Directory.Exists(Path.Combine(root, "gpx")))
        {
            foreach (string file in System.IO.Directory.EnumerateFiles(Path.Combine(root, "gpx"), "*.gpx").Order(StringComparer.Ordinal))
            {
                data.Add(Path.GetFileName(file));
            }
        }
        else
        {
            data.Add("(corpus absent)");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AllGpxFiles))]
    public void Every_corpus_gpx_file_reads_or_fails_with_a_typed_error(string file)
    {
        Assert.SkipWhen(FixtureCorpus.Directory is null, FixtureCorpus.SkipReason);
        byte[] bytes = File.ReadAllBytes(FixtureCorpus.PathOf(Path.Combine("gpx", file)));

        Assert.Equal(ContentKind.Gpx, ActivityFile.Detect(bytes));
        try
        {
            ParsedActivity activity = ActivityFile.Read(bytes, file);
            Assert.Equal(ActivityFormat.Gpx, activity.Format);
            Assert.All(activity.Samples, s => Assert.True(s.HasPosition || s.LatitudeDegrees is null));
        }
        catch (ActivityFileException error)
        {
            Assert.False(string.IsNullOrWhiteSpace(error.Code));
            Assert.Contains(file, error.Message, StringComparison.Ordinal);
        }
    }

    // file, points, with <ele>, with <time>, with heart rate, with cadence, sessions (tracks that have points:
    // the first <trk> of the cerknicko and korita files is empty, so 7 and 3 of their 8 and 4 tracks)
    [Theory]
    [InlineData("around-visnjan-with-car.gpx", 104, 104, 104, 0, 0, 1)]
    [InlineData("cerknicko-jezero.gpx", 296, 296, 296, 0, 0, 7)]
    [InlineData("cerknicko-jezero-with-elevations-zero.gpx", 296, 296, 296, 0, 0, 7)]
    [InlineData("cerknicko-jezero-without-elevations.gpx", 296, 0, 295, 0, 0, 7)]
    [InlineData("cerknicko-without-times.gpx", 296, 296, 5, 0, 0, 7)]
    [InlineData("custom_schema_locations.gpx", 0, 0, 0, 0, 0, 0)]
    [InlineData("first_and_last_elevation.gpx", 10, 2, 10, 0, 0, 1)]
    [InlineData("Friday-Evening-Run.gpx", 17, 17, 17, 13, 17, 1)]
    [InlineData("garmin-activity.gpx", 988, 988, 988, 988, 988, 1)]
    [InlineData("garmin_example.gpx", 602, 602, 602, 602, 602, 1)]
    [InlineData("gpx-with-node-with-comments.gpx", 1, 1, 1, 0, 0, 1)]
    [InlineData("korita-zbevnica.gpx", 871, 871, 513, 0, 0, 3)]
    [InlineData("Mojstrovka.gpx", 184, 184, 184, 0, 0, 1)]
    [InlineData("nike_run.gpx", 727, 290, 727, 494, 0, 1)]
    [InlineData("route.gpx", 55, 0, 0, 0, 0, 0)]
    [InlineData("run.gpx", 206, 206, 206, 206, 0, 1)]
    [InlineData("run_gpxtpx.gpx", 42, 42, 42, 42, 0, 1)]
    [InlineData("stopped_example.gpx", 1697, 1697, 1697, 1697, 1697, 1)]
    [InlineData("track-with-empty-segment.gpx", 9, 9, 9, 0, 0, 1)]
    [InlineData("track-with-extremes.gpx", 25, 25, 0, 0, 0, 1)]
    [InlineData("track_with_speed.gpx", 3, 3, 3, 0, 0, 1)]
    [InlineData("unicode2.gpx", 0, 0, 0, 0, 0, 0)]
    [InlineData("unicode_with_bom.gpx", 0, 0, 0, 0, 0, 0)]
    public void Reads_the_points_the_catalog_counts(string file, int points, int withEle, int withTime, int withHr, int withCadence, int sessions)
    {
        Assert.SkipWhen(FixtureCorpus.Directory is null, FixtureCorpus.SkipReason);
        ParsedActivity activity = ActivityFile.Read(File.ReadAllBytes(FixtureCorpus.PathOf(Path.Combine("gpx", file))), file);

        Assert.Equal(points, activity.Samples.Count);
        Assert.Equal(withEle, activity.Samples.Count(s => s.AltitudeMeters is not null));
        Assert.Equal(withTime, activity.Samples.Count(s => !s.TimeMissing));
        Assert.Equal(withHr, activity.Samples.Count(s => s.HeartRateBpm is not null));
        Assert.Equal(withCadence, activity.Samples.Count(s => s.CadenceRpm is not null));
        Assert.Equal(sessions, activity.Sessions.Count);
    }

    [Fact]
    public void Garmin_connect_heart_rate_under_the_ns3_prefix_is_read()
    {
        Assert.SkipWhen(FixtureCorpus.Directory is null, FixtureCorpus.SkipReason);
        ParsedActivity activity = ActivityFile.Read(File.ReadAllBytes(FixtureCorpus.PathOf("gpx/garmin_example.gpx")), "garmin_example.gpx");

        Assert.Equal(SportWords.Running, activity.Sport);
        Assert.All(activity.Samples, s => Assert.InRange(s.HeartRateBpm!.Value, 60, 220));
        Assert.Contains(activity.Samples, s => s.TemperatureCelsius is not null); // ns3:atemp
        Assert.Equal(new DateTimeOffset(2019, 11, 16, 0, 0, 0, TimeSpan.Zero), activity.StartUtc!.Value.UtcDateTime.Date);
    }

    [Fact]
    public void Strava_type_9_is_running_and_missing_ele_stays_missing()
    {
        Assert.SkipWhen(FixtureCorpus.Directory is null, FixtureCorpus.SkipReason);
        ParsedActivity strava = ActivityFile.Read(File.ReadAllBytes(FixtureCorpus.PathOf("gpx/stopped_example.gpx")), "stopped_example.gpx");
        ParsedActivity noEle = ActivityFile.Read(File.ReadAllBytes(FixtureCorpus.PathOf("gpx/cerknicko-jezero-without-elevations.gpx")), "x.gpx");

        Assert.Equal(SportWords.Running, strava.Sport);
        Assert.All(noEle.Samples, s => Assert.Null(s.AltitudeMeters));
        Assert.Contains(noEle.Warnings, w => w.Code == "time-missing");
    }

    [Fact]
    public void Segments_of_a_multi_segment_track_are_marked()
    {
        Assert.SkipWhen(FixtureCorpus.Directory is null, FixtureCorpus.SkipReason);
        ParsedActivity activity = ActivityFile.Read(File.ReadAllBytes(FixtureCorpus.PathOf("gpx/Friday-Evening-Run.gpx")), "f.gpx");

        Assert.Equal([0, 4, 9], activity.SegmentStartIndices);
        Assert.Equal(TimeSpan.FromMilliseconds(2569308), activity.Samples[^1].Time - activity.StartUtc);
    }
}
