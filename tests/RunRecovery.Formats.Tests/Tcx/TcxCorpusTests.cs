using RunRecovery.Formats.Errors;
using RunRecovery.Formats.Model;
using Xunit;

namespace RunRecovery.Formats.Tests.Tcx;

/// <summary>Every TCX file of the shared corpus against the counts and lap totals in fixtures/CATALOG.md.</summary>
public sealed class TcxCorpusTests
{
    public static TheoryData<string> AllTcxFiles()
    {
        var data = new TheoryData<string>();
        if (FixtureCorpus.Directory is { } root && System.IO.Directory.Exists(Path.Combine(root, "tcx")))
        {
            foreach (string file in System.IO.Directory.EnumerateFiles(Path.Combine(root, "tcx"), "*.tcx").Order(StringComparer.Ordinal))
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
    [MemberData(nameof(AllTcxFiles))]
    public void Every_corpus_tcx_file_reads_or_fails_with_a_typed_error(string file)
    {
        Assert.SkipWhen(FixtureCorpus.Directory is null, FixtureCorpus.SkipReason);
        byte[] bytes = File.ReadAllBytes(FixtureCorpus.PathOf(Path.Combine("tcx", file)));

        Assert.Equal(ContentKind.Tcx, ActivityFile.Detect(bytes));
        try
        {
            ParsedActivity activity = ActivityFile.Read(bytes, file);
            Assert.Equal(ActivityFormat.Tcx, activity.Format);
            Assert.All(activity.Samples, s => Assert.False(s.TimeMissing));
        }
        catch (ActivityFileException error)
        {
            Assert.False(string.IsNullOrWhiteSpace(error.Code));
        }
    }

    // file, trackpoints, with position, with HR, with cadence, with altitude, laps, Σ lap seconds, Σ lap metres
    [Theory]
    [InlineData("2020-12-02T06_08_29-300_Running.tcx", 927, 912, 923, 926, 912, 8, 2499, 7008.6)]
    [InlineData("2020-12-20T05_50_47-300_Running.tcx", 2327, 2227, 2325, 2321, 2227, 17, 6871, 16097.2)]
    [InlineData("garmin_connect.tcx", 317, 316, 0, 316, 317, 1, 4352, 1691.7)]
    [InlineData("run.tcx", 1424, 1424, 0, 0, 1424, 1, 1424, 4824.9)]
    [InlineData("run_garmin.tcx", 147, 147, 147, 147, 147, 3, 816, 2153.7)]
    [InlineData("sample.tcx", 19, 17, 0, 0, 17, 1, 2325, 8348.5)]
    [InlineData("stopped_example.tcx", 1697, 1628, 1692, 1690, 1628, 3, 4753, 12008.1)]
    [InlineData("sup_activity_1.tcx", 111, 111, 111, 0, 0, 2, 1112.3, 1157.5)]
    [InlineData("tcx-courses.tcx", 30, 30, 0, 0, 30, 1, 238.9, 1664.4)]
    [InlineData("test.tcx", 384, 383, 383, 0, 383, 3, 1992.8, 4689.2)]
    [InlineData("tour_hr.tcx", 465, 465, 465, 0, 465, 1, 2283, 6840)]
    public void Reads_the_trackpoints_and_lap_totals_the_catalog_counts(
        string file, int points, int withPosition, int withHr, int withCadence, int withAltitude, int laps, double lapSeconds, double lapMeters)
    {
        Assert.SkipWhen(FixtureCorpus.Directory is null, FixtureCorpus.SkipReason);
        ParsedActivity activity = ActivityFile.Read(File.ReadAllBytes(FixtureCorpus.PathOf(Path.Combine("tcx", file))), file);

        Assert.Equal(points, activity.Samples.Count);
        Assert.Equal(withPosition, activity.Samples.Count(s => s.HasPosition));
        Assert.Equal(withHr, activity.Samples.Count(s => s.HeartRateBpm is not null));
        Assert.Equal(withCadence, activity.Samples.Count(s => s.CadenceRpm is not null));
        Assert.Equal(withAltitude, activity.Samples.Count(s => s.AltitudeMeters is not null));
        Assert.Equal(laps, activity.Laps.Count);
        Assert.Equal(lapSeconds, activity.Laps.Sum(l => l.TimerTime!.Value.TotalSeconds), 1);
        Assert.Equal(lapMeters, activity.Laps.Sum(l => l.DistanceMeters!.Value), 1);
    }

    [Fact]
    public void Broken_positions_in_bad_tcx_become_missing_with_warnings()
    {
        Assert.SkipWhen(FixtureCorpus.Directory is null, FixtureCorpus.SkipReason);
        ParsedActivity activity = ActivityFile.Read(File.ReadAllBytes(FixtureCorpus.PathOf("tcx/bad.tcx")), "bad.tcx");

        // 0/0 is a placeholder, "no"/"undefined" are not numbers: only the 0/10 point keeps a position.
        Assert.Equal(4, activity.Samples.Count);
        Assert.Equal(1, activity.Samples.Count(s => s.HasPosition));
        Assert.Contains(activity.Warnings, w => w.Code == "position-invalid");
        Assert.Contains(activity.Warnings, w => w.Code == "position-zero");
        Assert.Equal(SportWords.Cycling, activity.Sport);
    }

    [Fact]
    public void Offsets_in_times_are_kept_as_the_local_offset_and_times_are_utc()
    {
        Assert.SkipWhen(FixtureCorpus.Directory is null, FixtureCorpus.SkipReason);
        ParsedActivity activity = ActivityFile.Read(File.ReadAllBytes(FixtureCorpus.PathOf("tcx/tour_hr.tcx")), "tour_hr.tcx");

        Assert.Equal(TimeSpan.FromHours(1), activity.UtcOffset);
        Assert.Equal(TimeSpan.Zero, activity.Samples[0].Time.Offset);
        Assert.Equal(new DateTimeOffset(2021, 1, 1, 0, 0, 0, TimeSpan.Zero).Offset, activity.StartUtc!.Value.Offset);
    }

    [Fact]
    public void A_course_is_read_as_a_route_with_a_warning()
    {
        Assert.SkipWhen(FixtureCorpus.Directory is null, FixtureCorpus.SkipReason);
        ParsedActivity activity = ActivityFile.Read(File.ReadAllBytes(FixtureCorpus.PathOf("tcx/tcx-courses.tcx")), "tcx-courses.tcx");

        Assert.Contains(activity.Warnings, w => w.Code == "tcx-course");
        Assert.Null(activity.Sport);
    }

    [Fact]
    public void Speed_is_read_from_the_extension_in_any_namespace_form()
    {
        Assert.SkipWhen(FixtureCorpus.Directory is null, FixtureCorpus.SkipReason);

        // run.tcx: <x:TPX><Speed> (unprefixed child); stopped_example.tcx: <TPX xmlns="…ActivityExtension/v2">.
        foreach (string file in new[] { "run.tcx", "stopped_example.tcx", "run_garmin.tcx" })
        {
            ParsedActivity activity = ActivityFile.Read(File.ReadAllBytes(FixtureCorpus.PathOf(Path.Combine("tcx", file))), file);
            Assert.True(activity.Samples.Count(s => s.SpeedMetersPerSecond is not null) > activity.Samples.Count / 2, file);
        }
    }

    [Fact]
    public void Whitespace_and_a_bom_before_the_declaration_are_tolerated()
    {
        byte[] xml = [.. "\uFEFF"u8, .. "\r\n  <?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<TrainingCenterDatabase xmlns=\"http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2\"><Activities><Activity Sport=\"Running\"><Id>2024-05-01T06:00:00Z</Id><Lap StartTime=\"2024-05-01T06:00:00Z\"><TotalTimeSeconds>10</TotalTimeSeconds><DistanceMeters>30</DistanceMeters><Track><Trackpoint><Time>2024-05-01T06:00:00Z</Time><HeartRateBpm><Value>120</Value></HeartRateBpm></Trackpoint><Trackpoint><Time>2024-05-01T06:00:10.5+00:00</Time><DistanceMeters>30</DistanceMeters></Trackpoint></Track></Lap></Activity></Activities></TrainingCenterDatabase>"u8];

        Assert.Equal(ContentKind.Tcx, ActivityFile.Detect(xml));
        ParsedActivity activity = ActivityFile.Read(xml, "bom.tcx");

        Assert.Equal(2, activity.Samples.Count);
        Assert.Equal(120, activity.Samples[0].HeartRateBpm);
        Assert.Equal(TimeSpan.FromSeconds(10.5), activity.Samples[1].Time - activity.Samples[0].Time);
        Assert.Equal(TimeSpan.FromSeconds(10), activity.Sessions[0].TimerTime);
        Assert.Equal(SportWords.Running, activity.Sessions[0].Sport);
    }

    [Fact]
    public void Multisport_sessions_each_become_a_session()
    {
        byte[] xml = """
            <?xml version="1.0"?>
            <TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2">
              <Activities><MultiSportSession><Id>2024-05-01T06:00:00Z</Id>
                <FirstSport><Activity Sport="Biking"><Id>2024-05-01T06:00:00Z</Id>
                  <Lap StartTime="2024-05-01T06:00:00Z"><TotalTimeSeconds>60</TotalTimeSeconds><DistanceMeters>500</DistanceMeters>
                    <Track><Trackpoint><Time>2024-05-01T06:00:00Z</Time></Trackpoint><Trackpoint><Time>2024-05-01T06:01:00Z</Time></Trackpoint></Track></Lap>
                </Activity></FirstSport>
                <NextSport><Activity Sport="Running"><Id>2024-05-01T06:02:00Z</Id>
                  <Lap StartTime="2024-05-01T06:02:00Z"><TotalTimeSeconds>30</TotalTimeSeconds><DistanceMeters>100</DistanceMeters>
                    <Track><Trackpoint><Time>2024-05-01T06:02:00Z</Time></Trackpoint><Trackpoint><Time>2024-05-01T06:02:30Z</Time></Trackpoint></Track></Lap>
                </Activity></NextSport>
              </MultiSportSession></Activities>
            </TrainingCenterDatabase>
            """u8.ToArray();

        ParsedActivity activity = ActivityFile.Read(xml, "multi.tcx");

        Assert.Equal([SportWords.Cycling, SportWords.Running], activity.Sessions.Select(s => s.Sport));
        Assert.Equal([0, 2], activity.Sessions.Select(s => s.FirstSampleIndex));
        Assert.Equal([500d, 100d], activity.Sessions.Select(s => s.DistanceMeters!.Value));
        Assert.Equal(SportWords.Multisport, activity.Sport);
    }
}
