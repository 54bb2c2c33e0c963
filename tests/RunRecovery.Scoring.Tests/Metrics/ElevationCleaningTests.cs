using RunRecovery.Scoring.Metrics;
using Xunit;

namespace RunRecovery.Scoring.Tests.Metrics;

/// <summary>Spike rejection and time-based smoothing ahead of the 3 m threshold (docs/metrics.md, "Elevation").</summary>
public sealed class ElevationCleaningTests
{
    [Fact]
    public void A_short_spike_is_dropped_and_the_run_around_it_kept()
    {
        // The start of activity-small-fenix2-run.fit: 55 → 142.4 (×3) → 56 m at 1 Hz.
        (double, double)[] series = [(0, 55.0), (1, 142.4), (2, 142.4), (3, 142.4), (4, 56.0), (5, 56.2), (6, 56.2)];

        var kept = Elevation.RejectSpikes(series, maxVerticalSpeed: 3, tolerance: 2, settle: 30);

        Assert.Equal([55.0, 56.0, 56.2, 56.2], kept.Select(k => k.Altitude));
    }

    [Fact]
    public void A_level_change_that_lasts_is_kept_as_the_watch_counts_it()
    {
        var series = new List<(double, double)>();
        for (int t = 0; t < 60; t++)
        {
            series.Add((t, 100));
        }

        for (int t = 60; t < 200; t++)
        {
            series.Add((t, 180)); // +80 m in one second, then steady for minutes: not a spike
        }

        var kept = Elevation.RejectSpikes(series, 3, 2, 30);
        var (ascent, descent) = Elevation.Hysteresis(kept.Select(k => k.Altitude), 3);

        Assert.Equal(200, kept.Count);
        Assert.Equal(80, ascent);
        Assert.Equal(0, descent);
    }

    [Fact]
    public void A_steep_real_climb_is_kept_whole()
    {
        // 300 m at 0.5 m/s vertical (a vertical-kilometre pace), sampled every 4 s.
        var series = Enumerable.Range(0, 151).Select(i => ((double)i * 4, 1000 + (i * 2.0))).ToList();

        var kept = Elevation.RejectSpikes(series, 3, 2, 30);

        Assert.Equal(series.Count, kept.Count);
        // The centred window is one-sided at the two ends, which costs about 1 m at each: under 1 % of the climb.
        Assert.InRange(Elevation.Hysteresis(Elevation.Smooth(kept, 5), 3).Ascent, 297, 300.5);
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(3.0)]
    public void Smoothing_keeps_a_clean_hill_within_two_percent_and_removes_flicker(double stepSeconds)
    {
        // Up 50 m and down again at 0.15 m/s vertical, with ±0.8 m alternating barometer flicker.
        var series = new List<(double Seconds, double Altitude)>();
        for (double t = 0; t <= 667; t += stepSeconds)
        {
            double clean = t <= 333 ? t * 0.15 : (667 - t) * 0.15;
            int k = (int)(t / stepSeconds);
            series.Add((t, 200 + clean + (k % 2 == 0 ? 0.8 : -0.8) + (k % 7 == 0 ? 1.5 : 0)));
        }

        var (ascent, _) = Elevation.Hysteresis(Elevation.Smooth(series, 5), 3);

        Assert.InRange(ascent, 49, 51);
    }
}
