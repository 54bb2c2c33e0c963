using System.Globalization;
using System.Text;
using RunRecovery.Analysis;
using RunRecovery.Formats;
using RunRecovery.Formats.Fit;
using RunRecovery.Formats.Fit.Encoding;
using RunRecovery.Formats.Model;
using RunRecovery.Scoring.Metrics;
using Xunit;

namespace RunRecovery.Scoring.Tests.Metrics;

/// <summary>
/// Issue 15: stated totals that cover only part of the track give way to the samples, with a warning; stated totals
/// that agree with the samples (within <see cref="DisagreementPercent"/> %) are reported as stated.
/// </summary>
public sealed class PartialLapTests
{
    private const double DisagreementPercent = 10;

    private static readonly DateTimeOffset Start = new(2026, 5, 3, 7, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Two_laps_over_part_of_the_track_give_way_to_the_trackpoints_with_totals_disagree()
    {
        // The file: 2 laps state 1,999 m in 625 s; the trackpoints cover 2,909 m in 907 s.
        ActivityMetrics metrics = Metrics(Tcx(trackSeconds: 907, trackMeters: 2909, laps: [(300, 1000), (325, 999)]));

        Assert.Equal(2909, metrics.DistanceMeters!.Value, 0.5);
        Assert.Equal("records", metrics.DistanceSource);
        Assert.Equal(907, metrics.ElapsedTime!.Value.TotalSeconds, 0.5);
        Assert.Equal(907, metrics.MovingTime!.Value.TotalSeconds, 2);
        Assert.Equal("detected", metrics.MovingTimeSource);
        MetricsWarning warning = Assert.Single(metrics.Warnings, w => w.Code == "totals-disagree");
        Assert.Contains("1999 m in 625 s", warning.Message, StringComparison.Ordinal);
        Assert.Contains("2909 m in 907 s", warning.Message, StringComparison.Ordinal);

        // Pace from what the samples cover (5:12 /km), not 907 s over the laps' 1,999 m.
        Assert.Equal(907 / 2.909, metrics.PaceSecondsPerKm!.Value, 1);
    }

    [Theory]
    [InlineData(2900, 900)] // 0.3 % short of the trackpoints' distance
    [InlineData(2700, 880)] // 7 % short: within the tolerance
    public void Laps_that_agree_with_the_trackpoints_are_reported_as_stated(double lapMeters, double lapSeconds)
    {
        ActivityMetrics metrics = Metrics(Tcx(trackSeconds: 907, trackMeters: 2909, laps: [(lapSeconds / 2, lapMeters / 2), (lapSeconds / 2, lapMeters / 2)]));

        Assert.Equal(lapMeters, metrics.DistanceMeters!.Value, 0.01);
        Assert.Equal("device", metrics.DistanceSource);
        Assert.Equal(lapSeconds, metrics.MovingTime!.Value.TotalSeconds, 0.01);
        Assert.Equal("timer", metrics.MovingTimeSource);
        Assert.DoesNotContain(metrics.Warnings, w => w.Code == "totals-disagree");
    }

    [Fact]
    public void Samples_just_beyond_the_tolerance_win()
    {
        double lapMeters = 2909 / (1 + (DisagreementPercent / 100)) - 5; // the samples cover 10.2 % more

        ActivityMetrics metrics = Metrics(Tcx(trackSeconds: 907, trackMeters: 2909, laps: [(800, lapMeters)]));

        Assert.Equal("records", metrics.DistanceSource);
        Assert.Contains(metrics.Warnings, w => w.Code == "totals-disagree");
    }

    [Fact]
    public void A_fit_session_stating_part_of_its_records_gives_way_to_them_too()
    {
        var samples = Enumerable.Range(0, 908).Select(s => new ActivitySample(
            Start.AddSeconds(s), LatitudeDegrees: 46.05 + (2909.0 * s / 907 / 111_320.0), LongitudeDegrees: 14.5,
            DistanceMeters: Math.Round(2909.0 * s / 907, 2), HeartRateBpm: 150)).ToList();
        var partial = new ParsedActivity
        {
            Format = ActivityFormat.Fit,
            Sport = SportWords.Running,
            StartUtc = Start,
            Samples = samples,
            Sessions = [new ActivitySession
            {
                Sport = SportWords.Running, StartUtc = Start, ElapsedTime = TimeSpan.FromSeconds(625), TimerTime = TimeSpan.FromSeconds(625), DistanceMeters = 1999,
            }],
        };

        ActivityMetrics metrics = ActivityMetrics.From(RecordingMapper.From(FitActivityReader.Read(FitActivityWriter.Write(partial))));

        Assert.Equal(2909, metrics.DistanceMeters!.Value, 0.5);
        Assert.Equal(907, metrics.ElapsedTime!.Value.TotalSeconds, 0.5);
        Assert.Contains(metrics.Warnings, w => w.Code == "totals-disagree");
    }

    private static ActivityMetrics Metrics(string tcx) =>
        ActivityMetrics.From(RecordingMapper.From(ActivityFile.Read(Encoding.UTF8.GetBytes(tcx), "partial.tcx")));

    /// <summary>One activity: the laps as stated (seconds, metres), then one trackpoint a second over the whole track, in the last lap.</summary>
    private static string Tcx(int trackSeconds, double trackMeters, IReadOnlyList<(double Seconds, double Meters)> laps)
    {
        var xml = new StringBuilder();
        xml.Append(CultureInfo.InvariantCulture, $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2">
            <Activities><Activity Sport="Running"><Id>{Start:yyyy-MM-ddTHH:mm:ssZ}</Id>
            """);
        double lapStart = 0;
        for (int lap = 0; lap < laps.Count; lap++)
        {
            xml.Append(CultureInfo.InvariantCulture, $"""
                <Lap StartTime="{Start.AddSeconds(lapStart):yyyy-MM-ddTHH:mm:ssZ}"><TotalTimeSeconds>{laps[lap].Seconds}</TotalTimeSeconds><DistanceMeters>{laps[lap].Meters}</DistanceMeters><Track>
                """);
            int from = (int)lapStart;
            int to = lap == laps.Count - 1 ? trackSeconds : (int)(lapStart + laps[lap].Seconds) - 1;
            for (int s = from; s <= to; s++)
            {
                double meters = trackMeters * s / trackSeconds;
                xml.Append(CultureInfo.InvariantCulture, $"""
                    <Trackpoint><Time>{Start.AddSeconds(s):yyyy-MM-ddTHH:mm:ssZ}</Time><Position><LatitudeDegrees>{46.05 + (meters / 111_320.0):F7}</LatitudeDegrees><LongitudeDegrees>14.5</LongitudeDegrees></Position><DistanceMeters>{meters:F2}</DistanceMeters><HeartRateBpm><Value>150</Value></HeartRateBpm></Trackpoint>
                    """);
            }

            xml.Append("</Track></Lap>");
            lapStart += laps[lap].Seconds;
        }

        xml.Append("</Activity></Activities></TrainingCenterDatabase>");
        return xml.ToString();
    }
}
