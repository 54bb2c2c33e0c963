using System.Text;
using RunRecovery.Formats.Gpx;
using RunRecovery.Formats.Model;
using Xunit;

namespace RunRecovery.Formats.Tests.Gpx;

/// <summary>Exporter variants and GPX versions, written out in the test.</summary>
public sealed class GpxVariantTests
{
    private static ParsedActivity Read(string xml) => GpxReader.Read(Encoding.UTF8.GetBytes(xml));

    [Fact]
    public void An_undeclared_extension_prefix_is_tolerated()
    {
        ParsedActivity activity = Read("""
            <gpx version="1.1" creator="x" xmlns="http://www.topografix.com/GPX/1/1"><trk><trkseg>
            <trkpt lat="1" lon="2"><time>2024-01-01T00:00:00Z</time><extensions><gpxtpx:TrackPointExtension><gpxtpx:hr>150</gpxtpx:hr><gpxtpx:cad>88</gpxtpx:cad><gpxtpx:atemp>21.5</gpxtpx:atemp></gpxtpx:TrackPointExtension></extensions></trkpt>
            </trkseg></trk></gpx>
            """);

        ActivitySample point = Assert.Single(activity.Samples);
        Assert.Equal((150, 88.0, 21.5), (point.HeartRateBpm!.Value, point.CadenceRpm!.Value, point.TemperatureCelsius!.Value));
    }

    [Fact]
    public void Trackpointextension_v2_cluetrust_gpxdata_and_power_variants_are_read()
    {
        ParsedActivity activity = Read("""
            <gpx version="1.1" xmlns="http://www.topografix.com/GPX/1/1"
                 xmlns:ns3="http://www.garmin.com/xmlschemas/TrackPointExtension/v2"
                 xmlns:gpxdata="http://www.cluetrust.com/XML/GPXDATA/1/0"
                 xmlns:pwr="http://www.garmin.com/xmlschemas/PowerExtension/v1"><trk><trkseg>
            <trkpt lat="1" lon="2"><time>2024-01-01T00:00:00Z</time><extensions><ns3:TrackPointExtension><ns3:hr>140</ns3:hr><ns3:cad>80</ns3:cad><ns3:speed>3.2</ns3:speed></ns3:TrackPointExtension><pwr:PowerInWatts>250</pwr:PowerInWatts></extensions></trkpt>
            <trkpt lat="1" lon="2.0001"><time>2024-01-01T00:00:01Z</time><extensions><gpxdata:hr>141</gpxdata:hr><gpxdata:cadence>81</gpxdata:cadence><gpxdata:temp>19</gpxdata:temp></extensions></trkpt>
            <trkpt lat="1" lon="2.0002"><time>2024-01-01T00:00:02Z</time><extensions><heartrate>142</heartrate><power>260</power></extensions><extensions><cadence>82</cadence></extensions></trkpt>
            </trkseg></trk></gpx>
            """);

        Assert.Equal([140, 141, 142], activity.Samples.Select(s => s.HeartRateBpm!.Value));
        Assert.Equal([80.0, 81, 82], activity.Samples.Select(s => s.CadenceRpm!.Value));
        Assert.Equal([250, null, 260], activity.Samples.Select(s => s.PowerWatts));
        Assert.Equal(3.2, activity.Samples[0].SpeedMetersPerSecond);
        Assert.Equal(19, activity.Samples[1].TemperatureCelsius);
    }

    [Fact]
    public void A_bom_and_whitespace_before_the_declaration_are_tolerated()
    {
        byte[] xml = [.. "\uFEFF"u8, .. "\n\n  <?xml version=\"1.0\"?><gpx version=\"1.1\"><trk><trkseg><trkpt lat=\"1\" lon=\"2\"/></trkseg></trk></gpx>"u8];

        Assert.Equal(ContentKind.Gpx, ActivityFile.Detect(xml));
        Assert.Single(ActivityFile.Read(xml, "bom.gpx").Samples);
    }

    [Fact]
    public void Gpx_1_0_with_speed_and_no_namespace_reads()
    {
        ParsedActivity activity = Read("""
            <?xml version="1.0"?>
            <gpx><trk><trkseg>
            <trkpt lat="45.0" lon="13.0"><ele>10</ele><time>2024-01-01T00:00:00Z</time><speed>2.5</speed></trkpt>
            <trkpt lat="45.0001" lon="13.0"><time>2024-01-01T00:00:05Z</time></trkpt>
            </trkseg></trk></gpx>
            """);

        Assert.Equal(2, activity.Samples.Count);
        Assert.Equal(2.5, activity.Samples[0].SpeedMetersPerSecond);
        Assert.Equal(10, activity.Samples[0].AltitudeMeters);
        Assert.Null(activity.Samples[1].AltitudeMeters); // missing <ele> is missing, not 0
    }

    [Fact]
    public void Route_points_are_the_fallback_when_there_is_no_track()
    {
        ParsedActivity activity = Read("""
            <gpx version="1.1"><rte><rtept lat="1" lon="2"/><rtept lat="1.001" lon="2"/></rte><wpt lat="5" lon="5"><time>2024-01-01T00:00:00Z</time></wpt></gpx>
            """);

        Assert.Equal(2, activity.Samples.Count);
        Assert.All(activity.Samples, s => Assert.True(s.TimeMissing));
        Assert.Contains(activity.Warnings, w => w.Code == "route-only");
    }

    [Fact]
    public void Offsets_become_utc_and_the_first_offset_is_kept_as_the_local_one()
    {
        ParsedActivity activity = Read("""
            <gpx version="1.1"><trk><trkseg>
            <trkpt lat="1" lon="2"><time>2024-06-01T08:00:00+02:00</time></trkpt>
            <trkpt lat="1" lon="2"><time>2024-06-01T06:00:01Z</time></trkpt>
            </trkseg></trk></gpx>
            """);

        Assert.Equal(new DateTimeOffset(2024, 6, 1, 6, 0, 0, TimeSpan.Zero), activity.StartUtc);
        Assert.Equal(TimeSpan.FromHours(2), activity.UtcOffset);
        Assert.Equal(TimeSpan.FromSeconds(1), activity.Samples[1].Time - activity.Samples[0].Time);
    }

    [Fact]
    public void Bad_values_become_missing_with_a_warning_instead_of_an_exception()
    {
        ParsedActivity activity = Read("""
            <gpx version="1.1"><trk><trkseg>
            <trkpt lat="north" lon="2"><ele>high</ele><time>P37S</time><extensions><hr>0</hr></extensions></trkpt>
            <trkpt lat="91" lon="2"><time>2024-06-01T08:00:00Z</time></trkpt>
            </trkseg></trk></gpx>
            """);

        Assert.Equal(2, activity.Samples.Count);
        Assert.All(activity.Samples, s => Assert.False(s.HasPosition));
        Assert.Null(activity.Samples[0].AltitudeMeters);
        Assert.Null(activity.Samples[0].HeartRateBpm);
        Assert.True(activity.Samples[0].TimeMissing);
        Assert.Equal(["position-invalid", "ele-invalid", "time-invalid", "time-missing"], activity.Warnings.Select(w => w.Code));
    }

    [Fact]
    public void What_the_writer_writes_reads_back_unchanged()
    {
        var start = new DateTimeOffset(2024, 5, 1, 6, 0, 0, TimeSpan.Zero);
        ActivitySample[] samples =
        [
            new(start, 46.123456789, 14.987654321, 301.25, HeartRateBpm: 140, CadenceRpm: 85, TemperatureCelsius: 18.5),
            new(start.AddMilliseconds(1500), 46.1235, 14.9877, null, HeartRateBpm: 141),
            new(start.AddSeconds(3), 46.1236, 14.9878, 302),
        ];

        ParsedActivity activity = GpxReader.Read(GpxWriter.ToBytes(samples, [0, 2], "running"));

        Assert.Equal(samples, activity.Samples);
        Assert.Equal([0, 2], activity.SegmentStartIndices);
        Assert.Equal(SportWords.Running, activity.Sport);
    }
}
