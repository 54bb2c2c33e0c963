using RunRecovery.Analysis;
using RunRecovery.Formats;
using RunRecovery.Formats.Model;
using RunRecovery.Scoring.Metrics;
using Xunit;

namespace RunRecovery.Scoring.Tests.Metrics;

/// <summary>Metrics of the shared corpus's TCX files against the totals their laps state.</summary>
public sealed class CorpusMetricsTests
{
    private static ActivityMetrics Read(string relative)
    {
        Assert.SkipWhen(FixtureCorpus.Directory is null, FixtureCorpus.SkipReason);
        ParsedActivity activity = ActivityFile.Read(File.ReadAllBytes(FixtureCorpus.PathOf(relative)), relative);
        return ActivityMetrics.From(RecordingMapper.From(activity));
    }

    // Files whose lap totals agree with their track points (CATALOG.md): the distance channel is within 1 %
    // of the lap totals, and our WGS-84 length of the positions within the percentage given (GPS gaps and
    // smart recording explain the rest: see docs/metrics.md).
    [Theory]
    [InlineData("tcx/2020-12-02T06_08_29-300_Running.tcx", 7008.6, 2499, 2.0)]  // 15 points without position
    [InlineData("tcx/2020-12-20T05_50_47-300_Running.tcx", 16097.2, 6871, 2.5)] // 100 points without position
    [InlineData("tcx/run.tcx", 4824.9, 1424, 0.5)]
    [InlineData("tcx/run_garmin.tcx", 2153.7, 816, 1.5)]                        // smart recording cuts corners
    [InlineData("tcx/stopped_example.tcx", 12008.1, 4753, 5.0)]                 // see the GPX twin test
    [InlineData("tcx/sup_activity_1.tcx", 1157.5, 1112.3, 3.0)]
    [InlineData("tcx/test.tcx", 4689.2, 1992.8, 0.5)]
    public void Distances_agree_with_the_lap_totals(string file, double lapMeters, double lapSeconds, double geodesicPercent)
    {
        ActivityMetrics metrics = Read(file);

        Assert.Equal(("device", "timer"), (metrics.DistanceSource!, metrics.MovingTimeSource!));
        Assert.Equal(lapMeters, metrics.DistanceMeters!.Value, 0.1);
        Assert.Equal(lapSeconds, metrics.MovingTime!.Value.TotalSeconds, 0.1);
        Assert.InRange(Math.Abs(metrics.RecordDistanceMeters!.Value - lapMeters) / lapMeters, 0, 0.01);
        Assert.InRange(Math.Abs(metrics.GeodesicDistanceMeters!.Value - lapMeters) / lapMeters * 100, 0, geodesicPercent);
        Assert.DoesNotContain(metrics.Warnings, w => w.Code == "totals-disagree");
    }

    // Laps whose totals disagree with their points (CATALOG.md notes): reported as stated, flagged.
    [Theory]
    [InlineData("tcx/sample.tcx")]
    [InlineData("tcx/tour_hr.tcx")]
    [InlineData("tcx/bad.tcx")]
    public void Lap_totals_that_contradict_the_points_are_flagged(string file)
    {
        ActivityMetrics metrics = Read(file);

        Assert.Contains(metrics.Warnings, w => w.Code == "totals-disagree");
    }

    [Fact]
    public void Bad_tcx_duplicated_laps_claim_more_timer_than_elapsed_and_say_so()
    {
        // Two identical laps, each claiming the whole ride's 2283 s (CATALOG.md).
        ActivityMetrics metrics = Read("tcx/bad.tcx");

        Assert.Equal(4566, metrics.MovingTime!.Value.TotalSeconds, 0.1);
        Assert.Contains(metrics.Warnings, w => w.Code == "timer-exceeds-elapsed");
    }

    [Fact]
    public void Tour_hr_odometer_that_does_not_start_at_zero_counts_only_what_the_points_cover()
    {
        // DistanceMeters runs from 2604 m to 3981 m: the points cover about 1.4 km (CATALOG.md).
        ActivityMetrics metrics = Read("tcx/tour_hr.tcx");

        Assert.InRange(metrics.RecordDistanceMeters!.Value, 1370, 1380);
        Assert.InRange(metrics.GeodesicDistanceMeters!.Value, 1350, 1380);
    }

    [Fact]
    public void Gpx_and_tcx_twins_of_one_run_agree_and_stop_detection_is_near_the_device_timer()
    {
        // stopped_example.gpx and .tcx are the same Strava run. The TCX laps (the device's timer) say 4753 s;
        // gpxpy's 1 km/h threshold says 4553 s. Our stop detection on the GPX positions: within 3 % of the timer.
        ActivityMetrics gpx = Read("gpx/stopped_example.gpx");
        ActivityMetrics tcx = Read("tcx/stopped_example.tcx");

        Assert.Equal("detected", gpx.MovingTimeSource);
        Assert.InRange(gpx.MovingTime!.Value.TotalSeconds, 4753 * 0.97, 4753 * 1.03);
        Assert.InRange(gpx.GeodesicDistanceMeters!.Value, tcx.GeodesicDistanceMeters!.Value * 0.995, tcx.GeodesicDistanceMeters!.Value * 1.005);
        Assert.Equal(tcx.HeartRate!.MaxBpm, gpx.HeartRate!.MaxBpm);
        Assert.InRange(gpx.HeartRate.AverageBpm, tcx.HeartRate.AverageBpm - 1, tcx.HeartRate.AverageBpm + 1);
    }

    [Fact]
    public void Cadence_in_strides_from_tcx_runs_is_reported_in_steps()
    {
        ActivityMetrics metrics = Read("tcx/run_garmin.tcx");

        Assert.Equal("steps/min", metrics.CadenceUnit);
        Assert.InRange(metrics.AverageCadence!.Value, 150, 190);
    }
}
