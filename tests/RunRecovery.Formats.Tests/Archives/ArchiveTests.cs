using System.IO.Compression;
using System.Text;
using RunRecovery.Formats.Archives;
using RunRecovery.Formats.Errors;
using RunRecovery.Formats.Model;
using Xunit;

namespace RunRecovery.Formats.Tests.Archives;

/// <summary>gzip and ZIP transport, with archives built in the test.</summary>
public sealed class ArchiveTests
{
    private const string Gpx = """
        <?xml version="1.0"?>
        <gpx version="1.1" creator="test" xmlns="http://www.topografix.com/GPX/1/1"><trk><type>running</type><trkseg>
        <trkpt lat="46.0" lon="14.0"><ele>300</ele><time>2024-05-01T06:00:00Z</time></trkpt>
        <trkpt lat="46.001" lon="14.0"><ele>301</ele><time>2024-05-01T06:00:40Z</time></trkpt>
        </trkseg></trk></gpx>
        """;

    private const string Tcx = """
        <?xml version="1.0"?>
        <TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"><Activities><Activity Sport="Running">
        <Id>2024-05-01T06:00:00Z</Id><Lap StartTime="2024-05-01T06:00:00Z"><TotalTimeSeconds>40</TotalTimeSeconds><DistanceMeters>111</DistanceMeters>
        <Track><Trackpoint><Time>2024-05-01T06:00:00Z</Time></Trackpoint><Trackpoint><Time>2024-05-01T06:00:40Z</Time></Trackpoint></Track>
        </Lap></Activity></Activities></TrainingCenterDatabase>
        """;

    [Fact]
    public void A_strava_export_expands_entry_by_entry_with_gzip_removed()
    {
        byte[] zip = Zip(
            ("activities/123.gpx", Encoding.UTF8.GetBytes(Gpx)),
            ("activities/456.tcx.gz", Gzip(Encoding.UTF8.GetBytes(Tcx))),
            ("activities.csv", "Activity ID,Activity Date\n123,May 1\n"u8.ToArray()),
            ("media/photo.jpg", [0xFF, 0xD8, 0xFF, 0xE0]));

        List<ArchiveEntry> entries = [.. ActivityArchive.Expand(new MemoryStream(zip), "export.zip")];

        Assert.Equal(
            ["export.zip!activities/123.gpx", "export.zip!activities/456.tcx", "export.zip!activities.csv", "export.zip!media/photo.jpg"],
            entries.Select(e => e.Path));
        Assert.All(entries, e => Assert.Null(e.Error));
        Assert.Equal(ContentKind.Gpx, ActivityFile.Detect(entries[0].Content));
        Assert.Equal(ContentKind.Tcx, ActivityFile.Detect(entries[1].Content));
        Assert.Equal(ActivityFormat.Tcx, ActivityFile.Read(entries[1].Content!, entries[1].Path).Format);
        Assert.True(entries[1].NamedLikeActivity);
        Assert.False(entries[2].NamedLikeActivity);
    }

    [Fact]
    public void Nested_zips_of_a_garmin_export_are_expanded()
    {
        byte[] inner = Zip(("2024-05-01.gpx", Encoding.UTF8.GetBytes(Gpx)), ("2024-05-02.tcx", Encoding.UTF8.GetBytes(Tcx)));
        byte[] outer = Zip(("DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part1.zip", inner), ("README.txt", "hi"u8.ToArray()));

        List<ArchiveEntry> entries = [.. ActivityArchive.Expand(new MemoryStream(outer), "garmin.zip")];

        Assert.Equal(
            [
                "garmin.zip!DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part1.zip!2024-05-01.gpx",
                "garmin.zip!DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part1.zip!2024-05-02.tcx",
                "garmin.zip!README.txt",
            ],
            entries.Select(e => e.Path));
    }

    [Fact]
    public void A_zip_bomb_entry_is_refused_by_its_ratio_and_the_next_entry_is_still_read()
    {
        using var bomb = new MemoryStream();
        using (var archive = new ZipArchive(bomb, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (Stream entry = archive.CreateEntry("activities/bomb.gpx", CompressionLevel.SmallestSize).Open())
            {
                byte[] zeros = new byte[1 << 20];
                for (int i = 0; i < 64; i++)
                {
                    entry.Write(zeros); // 64 MB of zeros: about 64 KB compressed, ratio ≈ 1000
                }
            }

            using Stream ok = archive.CreateEntry("activities/ok.gpx").Open();
            ok.Write(Encoding.UTF8.GetBytes(Gpx));
        }

        bomb.Position = 0;
        List<ArchiveEntry> entries = [.. ActivityArchive.Expand(bomb, "bomb.zip")];

        ActivityFileException error = entries[0].Error!;
        Assert.Equal("zip-bomb", error.Code);
        Assert.Contains("200:1", error.Message, StringComparison.Ordinal);
        Assert.Null(entries[1].Error);
        Assert.Equal("bomb.zip!activities/ok.gpx", entries[1].Path);
    }

    [Fact]
    public void An_entry_above_the_size_limit_is_refused_whatever_its_ratio()
    {
        byte[] noise = new byte[3 << 20];
        new Random(3).NextBytes(noise);
        byte[] zip = Zip(("big.fit", noise));

        ArchiveEntry entry = Assert.Single(ActivityArchive.Expand(new MemoryStream(zip), "big.zip", new ArchiveLimits { MaxEntryBytes = 1 << 20 }));

        Assert.Equal("archive-entry-too-large", entry.Error!.Code);
    }

    [Theory]
    [InlineData("../../etc/passwd.gpx")]
    [InlineData("activities/../../escape.gpx")]
    [InlineData("/absolute.gpx")]
    [InlineData("C:\\Windows\\evil.gpx")]
    [InlineData("..\\up.gpx")]
    public void Entry_names_that_escape_the_folder_are_reported_not_read(string name)
    {
        byte[] zip = Zip((name, Encoding.UTF8.GetBytes(Gpx)), ("fine.gpx", Encoding.UTF8.GetBytes(Gpx)));

        List<ArchiveEntry> entries = [.. ActivityArchive.Expand(new MemoryStream(zip), "evil.zip")];

        Assert.Equal("archive-unsafe-path", entries[0].Error!.Code);
        Assert.Null(entries[0].Content);
        Assert.Null(entries[1].Error);
    }

    [Fact]
    public void Archives_nested_deeper_than_the_limit_stop_with_an_error()
    {
        byte[] data = Zip(("run.gpx", Encoding.UTF8.GetBytes(Gpx)));
        for (int i = 0; i < 6; i++)
        {
            data = Zip(($"level{i}.zip", data));
        }

        ArchiveEntry entry = Assert.Single(ActivityArchive.Expand(new MemoryStream(data), "deep.zip"));

        Assert.Equal("archive-too-deep", entry.Error!.Code);
    }

    [Fact]
    public void A_gzipped_gpx_file_reads_through_the_single_file_entry_point()
    {
        ParsedActivity activity = ActivityFile.Read(Gzip(Encoding.UTF8.GetBytes(Gpx)), "run.gpx.gz");

        Assert.Equal(ActivityFormat.Gpx, activity.Format);
        Assert.Equal(2, activity.Samples.Count);
    }

    [Fact]
    public void A_zip_holding_one_activity_reads_through_the_single_file_entry_point_and_two_do_not()
    {
        ParsedActivity one = ActivityFile.Read(Zip(("a.tcx", Encoding.UTF8.GetBytes(Tcx)), ("notes.txt", "x"u8.ToArray())), "one.zip");
        var two = Assert.Throws<ActivityFileException>(() =>
            ActivityFile.Read(Zip(("a.tcx", Encoding.UTF8.GetBytes(Tcx)), ("b.gpx", Encoding.UTF8.GetBytes(Gpx))), "two.zip"));

        Assert.Equal(ActivityFormat.Tcx, one.Format);
        Assert.Equal("archive-not-single", two.Code);
    }

    [Fact]
    public void Corrupt_gzip_data_is_a_typed_error()
    {
        byte[] gz = Gzip(Encoding.UTF8.GetBytes(Gpx));
        gz[20] ^= 0xFF;
        gz[21] ^= 0xFF;

        var error = Assert.Throws<ActivityFileException>(() => ActivityFile.Read(gz, "broken.gpx.gz"));

        Assert.Contains(error.Code, new[] { "archive-corrupt", "malformed", "unsupported-format" });
    }

    [Fact]
    public void Detection_ignores_the_file_name()
    {
        Assert.Equal(ContentKind.Gpx, ActivityFile.Detect(Encoding.UTF8.GetBytes(Gpx)));
        Assert.Equal(ContentKind.Tcx, ActivityFile.Detect(Encoding.UTF8.GetBytes(Tcx)));
        Assert.Equal(ContentKind.Gzip, ActivityFile.Detect(Gzip([1, 2, 3])));
        Assert.Equal(ContentKind.Zip, ActivityFile.Detect(Zip(("x", [1]))));
        Assert.Equal(ContentKind.Fit, ActivityFile.Detect([14, 0x10, 0, 0, 0, 0, 0, 0, (byte)'.', (byte)'F', (byte)'I', (byte)'T', 0, 0]));
        Assert.Equal(ContentKind.OtherXml, ActivityFile.Detect("<?xml version=\"1.0\"?><kml/>"u8));
        Assert.Equal(ContentKind.Unknown, ActivityFile.Detect("Activity ID,Date\n"u8));

        var error = Assert.Throws<ActivityFileException>(() => ActivityFile.Read("Activity ID,Date\n"u8, "run.gpx"));
        Assert.Equal("unsupported-format", error.Code);
        Assert.Equal(0, error.Offset);
    }

    internal static byte[] Zip(params (string Name, byte[] Content)[] entries)
    {
        using var memory = new MemoryStream();
        using (var archive = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach ((string name, byte[] content) in entries)
            {
                using Stream stream = archive.CreateEntry(name).Open();
                stream.Write(content);
            }
        }

        return memory.ToArray();
    }

    internal static byte[] Gzip(byte[] content)
    {
        using var memory = new MemoryStream();
        using (var gzip = new GZipStream(memory, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(content);
        }

        return memory.ToArray();
    }
}
