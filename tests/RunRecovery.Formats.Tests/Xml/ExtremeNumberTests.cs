using System.Text;
using RunRecovery.Formats.Gpx;
using RunRecovery.Formats.Model;
using RunRecovery.Formats.Tcx;
using Xunit;

namespace RunRecovery.Formats.Tests.Xml;

/// <summary>
/// Issue 19 point 5: GPX and TCX numbers that are not finite, or larger in magnitude than anything an activity holds
/// (<c>SafeXml.MaxMagnitude</c>, 10⁹), are read as absent, so no sum or average of read values can overflow.
/// </summary>
public sealed class ExtremeNumberTests
{
    [Theory]
    [InlineData("1e308")]
    [InlineData("-1e308")]
    [InlineData("1e309")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("-Infinity")]
    [InlineData("1000000001")]
    public void A_gpx_elevation_beyond_any_real_value_is_read_as_absent(string elevation)
    {
        ParsedActivity activity = GpxReader.Read(Encoding.UTF8.GetBytes(
            $"""
            <gpx version="1.1"><trk><trkseg>
            <trkpt lat="46" lon="14"><ele>{elevation}</ele><time>2024-06-01T08:00:00Z</time></trkpt>
            <trkpt lat="46.001" lon="14"><ele>{elevation}</ele><time>2024-06-01T08:00:10Z</time></trkpt>
            <trkpt lat="46.002" lon="14"><ele>8848.86</ele><time>2024-06-01T08:00:20Z</time></trkpt>
            </trkseg></trk></gpx>
            """));

        Assert.Equal([null, null, 8848.86], activity.Samples.Select(s => s.AltitudeMeters));
    }

    [Fact]
    public void A_tcx_distance_of_1e308_is_read_as_absent_and_one_of_a_billion_metres_is_kept()
    {
        ParsedActivity activity = TcxReader.Read(Encoding.UTF8.GetBytes(
            """
            <TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"><Activities><Activity Sport="Running">
            <Id>2024-05-01T06:00:00Z</Id><Lap StartTime="2024-05-01T06:00:00Z"><TotalTimeSeconds>2</TotalTimeSeconds><Track>
            <Trackpoint><Time>2024-05-01T06:00:00Z</Time><DistanceMeters>1e308</DistanceMeters></Trackpoint>
            <Trackpoint><Time>2024-05-01T06:00:01Z</Time><DistanceMeters>1000000000</DistanceMeters></Trackpoint>
            </Track></Lap></Activity></Activities></TrainingCenterDatabase>
            """));

        Assert.Equal([null, 1e9], activity.Samples.Select(s => s.DistanceMeters));
    }
}
