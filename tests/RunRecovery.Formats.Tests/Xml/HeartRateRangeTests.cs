using System.Text;
using RunRecovery.Formats.Gpx;
using RunRecovery.Formats.Model;
using RunRecovery.Formats.Tcx;
using Xunit;

namespace RunRecovery.Formats.Tests.Xml;

/// <summary>
/// GPX and TCX heart rates keep FIT's range, 1–254 bpm: a 400 bpm reading is left out with a warning (it used to be
/// dropped silently), a 0 (the usual "no reading") without one. Values inside the range are kept as stated.
/// </summary>
public sealed class HeartRateRangeTests
{
    [Fact]
    public void Gpx_heart_rate_of_400_is_left_out_with_a_warning_and_0_silently()
    {
        ParsedActivity activity = GpxReader.Read(Encoding.UTF8.GetBytes(
            """
            <gpx version="1.1"><trk><trkseg>
            <trkpt lat="46" lon="14"><time>2024-06-01T08:00:00Z</time><extensions><hr>400</hr></extensions></trkpt>
            <trkpt lat="46" lon="14"><time>2024-06-01T08:00:01Z</time><extensions><hr>0</hr></extensions></trkpt>
            <trkpt lat="46" lon="14"><time>2024-06-01T08:00:02Z</time><extensions><hr>254</hr></extensions></trkpt>
            </trkseg></trk></gpx>
            """));

        Assert.Equal([null, null, 254], activity.Samples.Select(s => s.HeartRateBpm));
        FormatWarning warning = Assert.Single(activity.Warnings);
        Assert.Equal("heart-rate-out-of-range", warning.Code);
        Assert.Contains("400", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tcx_heart_rate_of_400_is_left_out_with_a_warning()
    {
        ParsedActivity activity = TcxReader.Read(Encoding.UTF8.GetBytes(
            """
            <TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"><Activities><Activity Sport="Running">
            <Id>2024-05-01T06:00:00Z</Id><Lap StartTime="2024-05-01T06:00:00Z"><TotalTimeSeconds>2</TotalTimeSeconds><Track>
            <Trackpoint><Time>2024-05-01T06:00:00Z</Time><HeartRateBpm><Value>400</Value></HeartRateBpm></Trackpoint>
            <Trackpoint><Time>2024-05-01T06:00:01Z</Time><HeartRateBpm><Value>150</Value></HeartRateBpm></Trackpoint>
            </Track></Lap></Activity></Activities></TrainingCenterDatabase>
            """));

        Assert.Equal([null, 150], activity.Samples.Select(s => s.HeartRateBpm));
        Assert.Contains("heart-rate-out-of-range", activity.Warnings.Select(w => w.Code));
    }
}
