using RunRecovery.Formats.Model;
using RunRecovery.Scoring.Metrics;
using Xunit;

namespace RunRecovery.Scoring.Tests.Metrics;

/// <summary>Issue 4's correctness bar on synthetic runs whose truth is known by construction.</summary>
public sealed class KnownGeometryTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(0, 45)]
    [InlineData(0, 90)]
    [InlineData(45, 0)]
    [InlineData(45, 45)]
    [InlineData(45, 90)]
    [InlineData(60, 0)]
    [InlineData(60, 45)]
    [InlineData(60, 90)]
    public void A_straight_10_km_line_measures_within_0_1_percent(double latitude, double bearing)
    {
        ActivityMetrics metrics = new SyntheticRun(latitude, 10).Run(bearing, 10_000, speed: 10_000 / 3000.0).Metrics();

        Assert.Equal("geodesic", metrics.DistanceSource);
        Assert.InRange(metrics.DistanceMeters!.Value, 9990, 10_010);
        Assert.InRange(metrics.DistanceMeters!.Value, 9999.9, 10_000.1); // in fact within 1 cm of 10 km (0.000 1 %)
        Assert.Equal(TimeSpan.FromSeconds(3000), metrics.MovingTime);
        Assert.Equal(10, metrics.Splits.Count);
        Assert.All(metrics.Splits, s => Assert.InRange(s.ElapsedTime.TotalSeconds, 299.5, 300.5));
    }

    [Fact]
    public void Haversine_would_miss_the_same_line_by_more_than_0_1_percent_at_the_equator()
    {
        // Why Vincenty (docs/metrics.md): research §2.9 gives +0.56 % for haversine N–S at the equator.
        (double lat, double lon) = Geodesy.Destination(0, 10, 0, 10_000);

        double haversine = Geodesy.Haversine(0, 10, lat, lon);

        Assert.InRange(Math.Abs(haversine - 10_000) / 10_000, 0.004, 0.007);
        Assert.Equal(10_000, Geodesy.Distance(0, 10, lat, lon), 0.01);
    }

    [Fact]
    public void A_5_km_loop_with_two_climbs_gives_gain_within_2_percent()
    {
        // Hill 1: +40 m over 1000 m and back down over 1000 m; hill 2: +25 m over 700 m and down; flat between.
        // Truth: 65 m up, 65 m down. Barometric-like noise of ±0.2 m is added.
        var noise = new Random(42);
        double Altitude(double s)
        {
            double shape = s switch
            {
                < 2000 => 40 * (1 - Math.Cos(Math.PI * s / 1000)) / 2,
                >= 2500 and < 3900 => 25 * (1 - Math.Cos(Math.PI * (s - 2500) / 700)) / 2,
                _ => 0,
            };
            return 200 + shape + ((noise.NextDouble() - 0.5) * 0.4);
        }

        ActivityMetrics metrics = new SyntheticRun(46.0, 14.5).Loop(5000, 3.0, Altitude).Metrics();

        Assert.InRange(metrics.AscentMeters!.Value, 65 * 0.98, 65 * 1.02);
        Assert.InRange(metrics.DescentMeters!.Value, 65 * 0.98, 65 * 1.02);
        Assert.Equal("samples", metrics.ElevationSource);
        Assert.True(metrics.RawAscentMeters > metrics.AscentMeters, "the unsmoothed sum counts the noise too");
        Assert.InRange(metrics.DistanceMeters!.Value, 4995, 5005);
    }

    [Fact]
    public void A_run_with_20_minutes_of_pauses_gives_moving_time_within_5_seconds()
    {
        // 40 min running at 3 m/s (7200 m) with a 10 min standstill recorded with GPS jitter and a 10 min
        // auto-pause (no points at all).
        SyntheticRun run = new SyntheticRun(48.2, 16.3)
            .Run(30, 3600, 3.0)
            .Stand(600, sigma: 2.5, rho: 0.95, seed: 7)
            .Run(30, 1800, 3.0)
            .Pause(600)
            .Run(30, 1800, 3.0);

        ActivityMetrics metrics = run.Metrics();

        Assert.Equal("detected", metrics.MovingTimeSource);
        Assert.Equal(TimeSpan.FromSeconds(3600), metrics.ElapsedTime);
        Assert.InRange(metrics.MovingTime!.Value.TotalSeconds, 2400 - 5, 2400 + 5);
        Assert.InRange(metrics.DistanceMeters!.Value, 7200 * 0.999, 7200 * 1.001);
    }

    [Fact]
    public void Gps_jitter_on_a_standing_still_minute_does_not_add_distance()
    {
        // 10 km at 3.33 m/s with a minute of rough jitter (σ 3 m, ρ 0.7) half-way.
        SyntheticRun run = new SyntheticRun(52.5, 13.4)
            .Run(75, 5000, 10 / 3.0)
            .Stand(60, sigma: 3, rho: 0.7, seed: 11)
            .Run(75, 5000, 10 / 3.0);

        ActivityMetrics metrics = run.Metrics();
        double naive = NaiveLength(run.Samples);

        Assert.True(naive > 10_000 + 50, $"the jitter is real: a plain sum gives {naive:F1} m");
        Assert.InRange(metrics.DistanceMeters!.Value, 10_000 * 0.999, 10_000 * 1.001);
        Assert.InRange(metrics.MovingTime!.Value.TotalSeconds, 3000 - 5, 3000 + 5);
    }

    [Fact]
    public void Grade_adjusted_pace_is_faster_than_pace_uphill_and_equal_on_the_flat()
    {
        ActivityMetrics flat = new SyntheticRun(46, 14).Run(0, 3000, 3.0, s => 300).Metrics();
        ActivityMetrics uphill = new SyntheticRun(46, 14).Run(0, 3000, 3.0, s => 300 + (0.05 * s)).Metrics();

        Assert.Equal(flat.PaceSecondsPerKm!.Value, flat.GradeAdjustedPaceSecondsPerKm!.Value, 1);

        // 5 % grade: Minetti's cost is 4.69 / 3.6 = 1.30 × the flat cost, so GAP ≈ pace / 1.30.
        Assert.Equal(uphill.PaceSecondsPerKm!.Value / GradeAdjustedPace.CostFactor(0.05), uphill.GradeAdjustedPaceSecondsPerKm!.Value, 0);
    }

    private static double NaiveLength(IReadOnlyList<ActivitySample> samples)
    {
        double total = 0;
        for (int i = 1; i < samples.Count; i++)
        {
            total += Geodesy.Distance(samples[i - 1].LatitudeDegrees!.Value, samples[i - 1].LongitudeDegrees!.Value, samples[i].LatitudeDegrees!.Value, samples[i].LongitudeDegrees!.Value);
        }

        return total;
    }
}
