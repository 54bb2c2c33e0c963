using RunRecovery.Scoring.Load;
using RunRecovery.Scoring.Recordings;
using Xunit;

namespace RunRecovery.Scoring.Tests.Scenarios;

/// <summary>The scenario runs go through a real FIT file; what comes back must still be the run that was described.</summary>
public class SyntheticRunPipelineTests
{
    private static readonly DateTimeOffset Start = new(2026, 4, 12, 6, 30, 0, TimeSpan.Zero);

    [Fact]
    public void A_hilly_run_read_back_through_fit_keeps_its_distance_time_climb_and_heart_rate()
    {
        var run = new SyntheticRun("hilly", Start).Flat(3, 3.0).Hill(300, 0.08, 2.5, 160).Hill(-300, 0.08, 3.3, 140).Flat(2, 3.0);

        ActivityLoadInput truth = run.BuildDirect();
        ActivityLoadInput read = run.Build();

        Assert.Equal(Sport.Running, read.Sport);
        Assert.Equal(truth.StartUtc, read.StartUtc);
        Assert.Equal(truth.DistanceMeters, read.DistanceMeters, 0.01 * truth.DistanceMeters);
        Assert.InRange(read.MovingTime.TotalSeconds, truth.MovingTime.TotalSeconds - 5, truth.MovingTime.TotalSeconds + 5);
        Assert.Equal(truth.DescentMeters!.Value, read.DescentMeters!.Value, 0.05 * truth.DescentMeters.Value);
        Assert.Equal(truth.AscentMeters!.Value, read.AscentMeters!.Value, 0.05 * truth.AscentMeters.Value);
        Assert.InRange(read.AvgHeartRateBpm!.Value, truth.AvgHeartRateBpm!.Value - 3, truth.AvgHeartRateBpm.Value + 3);
        Assert.InRange(read.AvgCadenceStepsPerMinute!.Value, truth.AvgCadenceStepsPerMinute!.Value - 1, truth.AvgCadenceStepsPerMinute.Value + 1);
        Assert.Equal(truth.Samples.Count, read.Samples.Count);
    }

    [Fact]
    public void A_treadmill_run_comes_back_without_elevation()
    {
        ActivityLoadInput read = new SyntheticRun("mill", Start).Indoor().Flat(8, 3.2).Build();

        Assert.Equal("treadmill", read.SubSport);
        Assert.Null(read.DescentMeters);
        Assert.InRange(read.DistanceMeters, 7920, 8080);
    }
}
