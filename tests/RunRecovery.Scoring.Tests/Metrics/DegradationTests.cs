using RunRecovery.Scoring.Metrics;
using RunRecovery.Scoring.Recordings;
using Xunit;

namespace RunRecovery.Scoring.Tests.Metrics;

/// <summary>Files with little in them still give metrics, and say what was missing.</summary>
public sealed class DegradationTests
{
    private static readonly DateTimeOffset T0 = SyntheticRun.Start;

    [Fact]
    public void An_empty_activity_reports_everything_missing()
    {
        ActivityMetrics metrics = ActivityMetrics.From(new RecordedActivity());

        Assert.Equal(["samples", "time", "position", "distance", "elevation", "heart-rate", "cadence"], metrics.Missing);
        Assert.Null(metrics.ElapsedTime);
        Assert.Null(metrics.MovingTime);
        Assert.Empty(metrics.Splits);
    }

    [Fact]
    public void A_single_point_has_no_duration_or_distance()
    {
        var activity = new RecordedActivity { Samples = [new RecordedSample(T0, 46, 14, 300, HeartRateBpm: 100)] };

        ActivityMetrics metrics = ActivityMetrics.From(activity);

        Assert.Null(metrics.ElapsedTime);
        Assert.Null(metrics.DistanceMeters);
        Assert.Null(metrics.PaceSecondsPerKm);
        Assert.Equal(100, metrics.HeartRate!.AverageBpm);
        Assert.Contains("time", metrics.Missing);
        Assert.Contains("distance", metrics.Missing);
    }

    [Fact]
    public void A_treadmill_run_without_positions_uses_the_distance_channel_and_sees_its_stop()
    {
        // 20 min at 3 m/s, 2 min standing on the belt (distance frozen), 10 min more; no positions, no altitude.
        var samples = new List<RecordedSample>();
        double distance = 0;
        for (int t = 0; t <= 1920; t++)
        {
            bool standing = t > 1200 && t <= 1320;
            distance += t == 0 || standing ? 0 : 3;
            samples.Add(new RecordedSample(T0.AddSeconds(t), DistanceMeters: distance, HeartRateBpm: 140));
        }

        ActivityMetrics metrics = ActivityMetrics.From(new RecordedActivity { Sport = Sport.Running, Samples = samples });

        Assert.Equal("records", metrics.DistanceSource);
        Assert.Equal(1800 * 3, metrics.DistanceMeters!.Value, 6);
        Assert.Equal(TimeSpan.FromSeconds(1800), metrics.MovingTime);
        Assert.Contains("position", metrics.Missing);
        Assert.Contains("elevation", metrics.Missing);
        Assert.Null(metrics.GradeAdjustedPaceSecondsPerKm);
        Assert.Equal(6, metrics.Splits.Count);
        Assert.Equal(400, metrics.Splits[^1].DistanceMeters, 6);
    }

    [Fact]
    public void The_device_timer_and_totals_are_preferred_and_disagreement_is_flagged()
    {
        var samples = Enumerable.Range(0, 601).Select(t => new RecordedSample(T0.AddSeconds(t), DistanceMeters: t * 2.0)).ToList();
        var activity = new RecordedActivity
        {
            Samples = samples,
            Sessions = [new RecordedSession { Stated = new DeviceTotals(T0, TimerTime: TimeSpan.FromSeconds(500), DistanceMeters: 1500), SampleCount = 601 }],
        };

        ActivityMetrics metrics = ActivityMetrics.From(activity);

        Assert.Equal(("timer", TimeSpan.FromSeconds(500)), (metrics.MovingTimeSource!, metrics.MovingTime!.Value));
        Assert.Equal(("device", 1500.0), (metrics.DistanceSource!, metrics.DistanceMeters!.Value));
        Assert.Equal(1200, metrics.RecordDistanceMeters!.Value, 6);
        Assert.Contains(metrics.Warnings, w => w.Code == "totals-disagree");
    }

    [Fact]
    public void Heart_rate_dropouts_and_zones_are_reported()
    {
        // 10 min at 1 Hz; HR 150 except a 30 s hole at 5:00 and no HR for the first 20 s.
        var samples = Enumerable.Range(0, 601)
            .Select(t => new RecordedSample(T0.AddSeconds(t), HeartRateBpm: t < 20 || (t >= 300 && t < 330) ? null : 150))
            .ToList();

        HeartRateSummary hr = ActivityMetrics.From(
            new RecordedActivity { Samples = samples },
            new MetricsOptions { MaxHeartRateBpm = 190, RestingHeartRateBpm = 50 }).HeartRate!;

        Assert.Equal(150, hr.AverageBpm);
        Assert.Equal(["no-hr-at-start", "dropouts"], hr.Flags);
        HeartRateDropout dropout = Assert.Single(hr.Dropouts);
        Assert.Equal((TimeSpan.FromSeconds(299), TimeSpan.FromSeconds(31)), (dropout.Start, dropout.Duration));
        Assert.Equal("reserve", hr.ZoneBasis);
        Assert.Equal(6, hr.TimeInZones.Count);

        // (150 − 50) / 140 = 71 % of reserve: zone 3 holds all the time that had a reading.
        Assert.True(hr.TimeInZones[3] > TimeSpan.FromSeconds(500));
        Assert.InRange(hr.Coverage, 0.85, 0.95);
    }

    [Fact]
    public void All_zero_altitudes_are_missing_not_flat()
    {
        var samples = Enumerable.Range(0, 60).Select(t => new RecordedSample(T0.AddSeconds(t), 46 + (t * 1e-5), 14, 0)).ToList();

        ActivityMetrics metrics = ActivityMetrics.From(new RecordedActivity { Samples = samples });

        Assert.Null(metrics.AscentMeters);
        Assert.Contains("elevation", metrics.Missing);
        Assert.Contains(metrics.Warnings, w => w.Code == "elevation-all-zero");
    }

    [Fact]
    public void A_clock_that_never_ran_gives_unknown_durations()
    {
        var samples = Enumerable.Range(0, 20).Select(t => new RecordedSample(new DateTimeOffset(1901, 12, 13, 20, 45, 52, TimeSpan.Zero), 46 + (t * 1e-4), 14)).ToList();

        ActivityMetrics metrics = ActivityMetrics.From(new RecordedActivity { Samples = samples });

        Assert.Null(metrics.ElapsedTime);
        Assert.Null(metrics.MovingTime);
        Assert.Null(metrics.PaceSecondsPerKm);
        Assert.NotNull(metrics.DistanceMeters);
        Assert.Contains(metrics.Warnings, w => w.Code == "time-span-zero");
    }

    [Fact]
    public void Without_a_session_timer_the_timer_events_give_moving_time()
    {
        // A FIT file with no session message (like nick.fit) but timer stop/start events: 30 min, stopped 5:00–8:00
        // and from 29:00 with no resume.
        var samples = Enumerable.Range(0, 1801).Select(t => new RecordedSample(T0.AddSeconds(t))).ToList();
        var activity = new RecordedActivity
        {
            Samples = samples,
            Pauses = [new RecordedPause(T0.AddMinutes(5), T0.AddMinutes(8)), new RecordedPause(T0.AddMinutes(29), null)],
        };

        ActivityMetrics metrics = ActivityMetrics.From(activity);

        Assert.Equal(("timer-events", TimeSpan.FromMinutes(26)), (metrics.MovingTimeSource!, metrics.MovingTime!.Value));
    }
}
