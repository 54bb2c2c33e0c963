using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Xunit;

namespace RunRecovery.Cli.Tests;

/// <summary>`runrecovery inspect` run in-process: the JSON contract, the table, and the exit codes.</summary>
public sealed class InspectCommandTests : IDisposable
{
    private static readonly string[] ContractFields =
    [
        "file", "format", "sport", "startUtc", "elapsedSeconds", "timerSeconds", "distanceMeters", "ascentMeters",
        "descentMeters", "avgHeartRate", "maxHeartRate", "samples", "sessions", "warnings", "error",
    ];

    private const string Gpx = """
        <?xml version="1.0"?>
        <gpx version="1.1" creator="test" xmlns="http://www.topografix.com/GPX/1/1" xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1"><trk><type>running</type><trkseg>
        <trkpt lat="46.0" lon="14.0"><ele>300</ele><time>2024-05-01T06:00:00Z</time><extensions><gpxtpx:TrackPointExtension><gpxtpx:hr>140</gpxtpx:hr></gpxtpx:TrackPointExtension></extensions></trkpt>
        <trkpt lat="46.001" lon="14.0"><ele>310</ele><time>2024-05-01T06:00:40Z</time><extensions><gpxtpx:TrackPointExtension><gpxtpx:hr>150</gpxtpx:hr></gpxtpx:TrackPointExtension></extensions></trkpt>
        <trkpt lat="46.002" lon="14.0"><ele>305</ele><time>2024-05-01T06:01:20Z</time><extensions><gpxtpx:TrackPointExtension><gpxtpx:hr>160</gpxtpx:hr></gpxtpx:TrackPointExtension></extensions></trkpt>
        </trkseg></trk></gpx>
        """;

    private const string MultisportTcx = """
        <?xml version="1.0"?>
        <TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"><Activities><MultiSportSession>
        <FirstSport><Activity Sport="Biking"><Id>2024-05-01T06:00:00Z</Id><Lap StartTime="2024-05-01T06:00:00Z"><TotalTimeSeconds>60</TotalTimeSeconds><DistanceMeters>500</DistanceMeters>
        <Track><Trackpoint><Time>2024-05-01T06:00:00Z</Time></Trackpoint><Trackpoint><Time>2024-05-01T06:01:00Z</Time></Trackpoint></Track></Lap></Activity></FirstSport>
        <NextSport><Activity Sport="Running"><Id>2024-05-01T06:02:00Z</Id><Lap StartTime="2024-05-01T06:02:00Z"><TotalTimeSeconds>30</TotalTimeSeconds><DistanceMeters>100</DistanceMeters>
        <Track><Trackpoint><Time>2024-05-01T06:02:00Z</Time></Trackpoint><Trackpoint><Time>2024-05-01T06:02:30Z</Time></Trackpoint></Track></Lap></Activity></NextSport>
        </MultiSportSession></Activities></TrainingCenterDatabase>
        """;

    private readonly string _folder = Directory.CreateTempSubdirectory("runrecovery-cli-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Json_output_has_every_contract_field_for_a_gpx_file()
    {
        string file = Write("run.gpx", Gpx);

        (int exit, string output, _) = Run("inspect", file, "--json");

        Assert.Equal(0, exit);
        JsonElement line = Assert.Single(Lines(output));
        Assert.All(ContractFields, field => Assert.True(line.TryGetProperty(field, out _), field));
        Assert.Equal(file, line.GetProperty("file").GetString());
        Assert.Equal("gpx", line.GetProperty("format").GetString());
        Assert.Equal("running", line.GetProperty("sport").GetString());
        Assert.Equal("2024-05-01T06:00:00Z", line.GetProperty("startUtc").GetString());
        Assert.Equal(80, line.GetProperty("elapsedSeconds").GetDouble());
        Assert.InRange(line.GetProperty("distanceMeters").GetDouble(), 222, 223); // 0.002° of latitude at 46° N
        Assert.Equal(10, line.GetProperty("ascentMeters").GetDouble());
        Assert.Equal(5, line.GetProperty("descentMeters").GetDouble());
        Assert.Equal(150, line.GetProperty("avgHeartRate").GetInt32());
        Assert.Equal(160, line.GetProperty("maxHeartRate").GetInt32());
        Assert.Equal(3, line.GetProperty("samples").GetInt32());
        Assert.Equal(0, line.GetProperty("sessions").GetArrayLength());
        Assert.Equal(JsonValueKind.Array, line.GetProperty("warnings").ValueKind);
        Assert.Equal(JsonValueKind.Null, line.GetProperty("error").ValueKind);
    }

    [Fact]
    public void A_multisport_file_lists_its_sessions_with_the_same_fields()
    {
        string file = Write("tri.tcx", MultisportTcx);

        (int exit, string output, _) = Run("inspect", "--json", file);

        Assert.Equal(0, exit);
        JsonElement line = Assert.Single(Lines(output));
        Assert.Equal("tcx", line.GetProperty("format").GetString());
        Assert.Equal("multisport", line.GetProperty("sport").GetString()); // not its first leg's sport (issue 15)
        JsonElement[] sessions = [.. line.GetProperty("sessions").EnumerateArray()];
        Assert.Equal(["cycling", "running"], sessions.Select(s => s.GetProperty("sport").GetString()));
        Assert.Equal([500d, 100d], sessions.Select(s => s.GetProperty("distanceMeters").GetDouble()));
        Assert.Equal([60d, 30d], sessions.Select(s => s.GetProperty("timerSeconds").GetDouble()));
        Assert.All(sessions, s => Assert.All(ContractFields.Take(12).Skip(2), f => Assert.True(s.TryGetProperty(f, out _), f)));
        Assert.Equal(600, line.GetProperty("distanceMeters").GetDouble());
    }

    [Fact]
    public void A_folder_is_read_recursively_skipping_non_activity_files_and_a_bad_file_makes_exit_1()
    {
        Write("a/run.gpx", Gpx);
        Write("a/b/notes.csv", "not,an,activity\n");
        Write("a/b/broken.gpx", "this is not xml");
        Write("a/b/ride.tcx", MultisportTcx);

        (int exit, string output, _) = Run("inspect", _folder, "--json");

        Assert.Equal(1, exit);
        JsonElement[] lines = Lines(output);
        Assert.Equal(3, lines.Length);
        JsonElement broken = Assert.Single(lines, l => l.GetProperty("file").GetString()!.EndsWith("broken.gpx", StringComparison.Ordinal));
        Assert.Equal("unsupported-format", broken.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(0, broken.GetProperty("error").GetProperty("offset").GetInt64());
        Assert.Equal(JsonValueKind.Null, broken.GetProperty("format").ValueKind);
    }

    [Fact]
    public void A_strava_export_zip_gives_one_line_per_activity_entry()
    {
        string zip = Path.Combine(_folder, "export.zip");
        using (ZipArchive archive = ZipFile.Open(zip, ZipArchiveMode.Create))
        {
            AddEntry(archive, "activities/1.gpx", Encoding.UTF8.GetBytes(Gpx));
            AddEntry(archive, "activities/2.tcx.gz", GzipBytes(Encoding.UTF8.GetBytes(MultisportTcx)));
            AddEntry(archive, "activities.csv", "Activity ID\n1\n"u8.ToArray());
        }

        (int exit, string output, _) = Run("inspect", zip, "--json");

        Assert.Equal(0, exit);
        Assert.Equal([zip + "!activities/1.gpx", zip + "!activities/2.tcx"], Lines(output).Select(l => l.GetProperty("file").GetString()));
    }

    [Fact]
    public void Malicious_xml_is_reported_with_the_xml_forbidden_code()
    {
        string file = Write("evil.gpx", "<?xml version=\"1.0\"?><!DOCTYPE gpx [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><gpx>&x;</gpx>");

        (int exit, string output, _) = Run("inspect", file, "--json");

        Assert.Equal(1, exit);
        JsonElement error = Assert.Single(Lines(output)).GetProperty("error");
        Assert.Equal("xml-forbidden", error.GetProperty("code").GetString());
        Assert.Equal(21, error.GetProperty("offset").GetInt64());
    }

    [Fact]
    public void Without_json_a_table_is_printed()
    {
        string file = Write("run.gpx", Gpx);

        (int exit, string output, _) = Run("inspect", file);

        Assert.Equal(0, exit);
        Assert.Contains("Distance km", output, StringComparison.Ordinal);
        Assert.Contains("0.22", output, StringComparison.Ordinal);
        Assert.Contains("1 file(s), 1 read, 0 failed.", output, StringComparison.Ordinal);
    }

    [Fact]
    public void With_imperial_units_the_table_shows_miles_and_feet_and_json_stays_si()
    {
        string file = Write("run.gpx", Gpx);

        (int exit, string output, _) = Run("inspect", file, "--units", "imperial");
        (_, string json, _) = Run("inspect", file, "--units", "imperial", "--json");

        Assert.Equal(0, exit);
        Assert.Contains("Distance mi", output, StringComparison.Ordinal);
        Assert.Contains("Ascent ft", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Distance km", output, StringComparison.Ordinal);
        double meters = JsonDocument.Parse(json).RootElement.GetProperty("distanceMeters").GetDouble();
        Assert.Contains((meters / 1609.344).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture), output, StringComparison.Ordinal);
        Assert.Equal(2, Run("inspect", file, "--units", "furlongs").Exit);
    }

    [Theory]
    [InlineData("")]
    [InlineData("inspect")]
    [InlineData("inspect --no-such-option x.gpx")]
    [InlineData("frobnicate")]
    public void Bad_usage_exits_2(string commandLine)
    {
        (int exit, _, string error) = Run(commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries));

        Assert.Equal(2, exit);
        Assert.False(string.IsNullOrWhiteSpace(error));
    }

    [Fact]
    public void A_path_that_does_not_exist_exits_2()
    {
        (int exit, _, string error) = Run("inspect", Path.Combine(_folder, "nope.gpx"), "--json");

        Assert.Equal(2, exit);
        Assert.Contains("no such file", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_corpus_file_gives_a_result_or_a_clear_error()
    {
        Assert.SkipWhen(FixtureCorpus.Directory is null, FixtureCorpus.SkipReason);
        int activityFiles = new[] { "fit", "gpx", "tcx" }
            .Sum(folder => Directory.EnumerateFiles(Path.Combine(FixtureCorpus.Directory!, folder))
                .Count(f => !f.EndsWith(".csv", StringComparison.Ordinal)));

        (int exit, string output, _) = Run("inspect", "--json", Path.Combine(FixtureCorpus.Directory!, "fit"), Path.Combine(FixtureCorpus.Directory!, "gpx"), Path.Combine(FixtureCorpus.Directory!, "tcx"));

        JsonElement[] lines = Lines(output);
        Assert.Equal(activityFiles, lines.Length);
        foreach (JsonElement line in lines)
        {
            JsonElement error = line.GetProperty("error");
            if (error.ValueKind != JsonValueKind.Null)
            {
                Assert.NotEqual("internal-error", error.GetProperty("code").GetString());
                Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message").GetString()));
            }
            else
            {
                Assert.True(line.GetProperty("samples").GetInt32() >= 0);
            }
        }

        // Every GPX and TCX file reads without error; FIT files depend on the FIT decoder.
        Assert.All(lines.Where(l => l.GetProperty("format").GetString() is "gpx" or "tcx"), l => Assert.Equal(JsonValueKind.Null, l.GetProperty("error").ValueKind));
        Assert.Equal(lines.Any(l => l.GetProperty("error").ValueKind != JsonValueKind.Null) ? 1 : 0, exit);
    }

    private static (int Exit, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int exit = CliApp.Run(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    private static JsonElement[] Lines(string output) =>
        [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone())];

    private string Write(string relative, string content)
    {
        string path = Path.Combine(_folder, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    private static void AddEntry(ZipArchive archive, string name, byte[] content)
    {
        using Stream stream = archive.CreateEntry(name).Open();
        stream.Write(content);
    }

    private static byte[] GzipBytes(byte[] content)
    {
        using var memory = new MemoryStream();
        using (var gzip = new GZipStream(memory, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(content);
        }

        return memory.ToArray();
    }
}
