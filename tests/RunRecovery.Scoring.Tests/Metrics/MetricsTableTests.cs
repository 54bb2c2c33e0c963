using RunRecovery.Scoring.Metrics;
using RunRecovery.Scoring.Recordings;
using Xunit;

namespace RunRecovery.Scoring.Tests.Metrics;

/// <summary>Hand-worked tables for the small pure functions (sources in each comment).</summary>
public sealed class MetricsTableTests
{
    // Hysteresis, threshold 3 m. Worked by hand:
    // 100→110 is a 10 m climb; 105 turns it (drop 5 > 3): +10; 120 turns the descent (rise 15): −5;
    // 100 turns the climb: +15 (from 105); the final descent 120→100: −20.
    [Theory]
    [InlineData(new[] { 100.0, 110, 105, 120, 100 }, 25, 25)]
    [InlineData(new[] { 100.0, 102, 100, 102, 100, 110 }, 10, 0)]      // 2 m wobbles never count
    [InlineData(new[] { 100.0, 101, 102, 101, 100 }, 0, 0)]             // nothing beyond 3 m
    [InlineData(new[] { 100.0, 97, 99, 90 }, 0, 10)]                    // undetermined start picks the descent
    [InlineData(new[] { 50.0, 53.5 }, 3.5, 0)]
    [InlineData(new[] { 200.0 }, 0, 0)]
    public void Hysteresis_counts_whole_swings_beyond_the_threshold(double[] altitudes, double ascent, double descent)
    {
        (double up, double down) = Elevation.Hysteresis(altitudes, 3);

        Assert.Equal(ascent, up, 6);
        Assert.Equal(descent, down, 6);
    }

    [Fact]
    public void Raw_sums_count_every_step()
    {
        Assert.Equal((14.0, 4.0), Elevation.Raw([100, 102, 100, 102, 100, 110]));
    }

    // Minetti et al. 2002 running cost, J·kg⁻¹·m⁻¹, as tabulated in research §2.3.
    [Theory]
    [InlineData(-0.30, 2.46)]
    [InlineData(-0.20, 1.80)]
    [InlineData(-0.10, 2.15)]
    [InlineData(0.0, 3.60)]
    [InlineData(0.05, 4.69)]
    [InlineData(0.10, 5.97)]
    [InlineData(0.20, 9.01)]
    [InlineData(0.30, 12.58)]
    [InlineData(0.45, 19.43)]
    [InlineData(0.80, 19.43)] // clamped to the measured range
    public void Minetti_cost_of_running_matches_the_published_curve(double grade, double cost)
    {
        Assert.Equal(cost, GradeAdjustedPace.CostOfRunning(grade), 2);
    }

    // Zones: 50/60/70/80/90 % of reserve (max 190, rest 50 → reserve 140) or of max.
    [Theory]
    [InlineData(119, 190, 50, 0)]   // 69/140 = 49 %
    [InlineData(120, 190, 50, 1)]   // 50 %
    [InlineData(155, 190, 50, 3)]   // 75 %
    [InlineData(176, 190, 50, 5)]   // 90 %
    [InlineData(120, 190, null, 2)] // 63 % of max
    [InlineData(94, 190, null, 0)]  // 49 % of max
    public void Heart_rate_zones(int hr, int max, int? rest, int zone)
    {
        Assert.Equal(zone, HeartRateAnalysis.Zone(hr, max, rest));
    }

    [Fact]
    public void Running_cadence_in_strides_is_reported_in_steps_and_cycling_cadence_is_left_alone()
    {
        static RecordedActivity With(Sport sport) => new()
        {
            Sport = sport,
            Samples = [.. Enumerable.Range(0, 10).Select(i => new RecordedSample(SyntheticRun.Start.AddSeconds(i), CadenceRpm: 85))],
        };

        ActivityMetrics running = ActivityMetrics.From(With(Sport.Running));
        ActivityMetrics cycling = ActivityMetrics.From(With(Sport.Cycling));

        Assert.Equal((170.0, "steps/min"), (running.AverageCadence!.Value, running.CadenceUnit!));
        Assert.Equal((85.0, "rpm"), (cycling.AverageCadence!.Value, cycling.CadenceUnit!));
    }
}
