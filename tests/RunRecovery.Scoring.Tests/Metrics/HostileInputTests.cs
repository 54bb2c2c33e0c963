using RunRecovery.Scoring.Metrics;
using RunRecovery.Scoring.Recordings;
using Xunit;

namespace RunRecovery.Scoring.Tests.Metrics;

/// <summary>Inputs shaped to make naive code quadratic or explode; each must finish in linear time and bounded memory.</summary>
public sealed class HostileInputTests
{
    private static readonly DateTimeOffset T0 = SyntheticRun.Start;

    [Fact]
    public void Fifty_thousand_points_at_one_place_and_one_time()
    {
        var samples = Enumerable.Range(0, 50_000).Select(_ => new RecordedSample(T0, 46, 14, 300, HeartRateBpm: 120)).ToList();

        ActivityMetrics metrics = ActivityMetrics.From(new RecordedActivity { Samples = samples });

        Assert.Equal(0, metrics.DistanceMeters!.Value, 6);
        Assert.Null(metrics.ElapsedTime);
    }

    [Fact]
    public void Heart_rate_on_fifty_thousand_points_without_time()
    {
        var samples = Enumerable.Range(0, 50_000).Select(i => new RecordedSample(default, 46 + (i * 1e-5), 14, HeartRateBpm: 120) { TimeMissing = true }).ToList();

        ActivityMetrics metrics = ActivityMetrics.From(new RecordedActivity { Samples = samples });

        Assert.Equal(120, metrics.HeartRate!.AverageBpm);
    }

    [Fact]
    public void Points_jumping_between_antipodes_do_not_make_millions_of_splits()
    {
        var samples = Enumerable.Range(0, 2000).Select(i => new RecordedSample(T0.AddSeconds(i), 0, i % 2 == 0 ? 0 : 179.9)).ToList();

        ActivityMetrics metrics = ActivityMetrics.From(new RecordedActivity { Samples = samples });

        Assert.True(metrics.DistanceMeters > 1e9);
        Assert.Equal(2000, metrics.Splits.Count);
    }
}
