using RunRecovery.Analysis;
using RunRecovery.Formats;
using RunRecovery.Scoring.Load;
using RunRecovery.Scoring.Metrics;
using RunRecovery.Scoring.Recordings;
using Xunit;

namespace RunRecovery.Scoring.Tests.Load;

public sealed class ActivityLoadInputMapperTests
{
    private static readonly DateTimeOffset Start = new(2026, 5, 1, 7, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Single_session_run_maps_metrics_and_doubles_running_cadence()
    {
        RecordedActivity run = Run(Start, minutes: 40, metersPerSecond: 3.0, cadenceRpm: 85, sport: Sport.Running);
        ActivityMetrics metrics = ActivityMetrics.From(run);

        ActivityLoadInput input = Assert.Single(ActivityLoadInputMapper.From("a1", "run.fit", run, metrics));

        Assert.Equal("a1", input.Id);
        Assert.Equal(Sport.Running, input.Sport);
        Assert.Equal(Start, input.StartUtc);
        Assert.Equal(metrics.MovingTime, input.MovingTime);
        Assert.Equal(metrics.DistanceMeters, input.DistanceMeters);
        Assert.Equal(170, input.AvgCadenceStepsPerMinute!.Value, 3); // 85 strides/min → 170 steps/min
        Assert.Equal(18, input.AvgTemperatureCelsius!.Value, 6);
        Assert.True(input.LoadsRunningMuscles);
    }

    [Fact]
    public void Each_session_of_a_brick_keeps_its_own_sport()
    {
        RecordedActivity ride = Run(Start, minutes: 30, metersPerSecond: 8, cadenceRpm: 90, sport: Sport.Cycling);
        RecordedActivity run = Run(Start.AddMinutes(30), minutes: 20, metersPerSecond: 3.2, cadenceRpm: 86, sport: Sport.Running);
        var samples = ride.Samples.Concat(run.Samples).ToArray();
        var brick = new RecordedActivity
        {
            Sport = Sport.Cycling,
            StartUtc = Start,
            Samples = samples,
            Sessions =
            [
                new RecordedSession { Sport = Sport.Cycling, Stated = new DeviceTotals(Start), FirstSampleIndex = 0, SampleCount = ride.Samples.Count },
                new RecordedSession
                {
                    Sport = Sport.Running, Stated = new DeviceTotals(Start.AddMinutes(30)),
                    FirstSampleIndex = ride.Samples.Count, SampleCount = run.Samples.Count,
                },
            ],
        };

        IReadOnlyList<ActivityLoadInput> inputs = ActivityLoadInputMapper.From("b", null, brick, ActivityMetrics.From(brick));

        Assert.Collection(
            inputs,
            first =>
            {
                Assert.Equal("b#1", first.Id);
                Assert.False(first.LoadsRunningMuscles);
                Assert.Null(first.AvgCadenceStepsPerMinute); // a ride's cadence is rpm, not steps
            },
            second =>
            {
                Assert.Equal("b#2", second.Id);
                Assert.True(second.LoadsRunningMuscles);
                Assert.Equal(Start.AddMinutes(30), second.StartUtc);
                Assert.Equal(run.Samples.Count, second.Samples.Count);
            });
    }

    [Fact]
    public void A_device_relative_clock_cannot_be_placed_in_the_history()
    {
        RecordedActivity run = Run(Start, minutes: 40, metersPerSecond: 3.0, cadenceRpm: 85, sport: Sport.Running);
        var relative = new RecordedActivity
        {
            Sport = run.Sport,
            Samples = run.Samples,
            ClockIsDeviceRelative = true,
        };

        Assert.Empty(ActivityLoadInputMapper.From("r", null, relative, ActivityMetrics.From(relative)));
    }

    [Fact]
    public void The_real_triathlon_gives_a_run_session_with_running_load_and_a_ride_without()
    {
        Assert.SkipWhen(FixtureCorpus.Directory is null, FixtureCorpus.SkipReason);
        byte[] bytes = File.ReadAllBytes(FixtureCorpus.PathOf("fit/sample_mulitple_header.fit"));
        RecordedActivity parsed = RecordingMapper.From(ActivityFile.Read(bytes, "sample_mulitple_header.fit"));

        IReadOnlyList<ActivityLoadInput> inputs = ActivityLoadInputMapper.From("tri", null, parsed, ActivityMetrics.From(parsed));

        Assert.Equal(parsed.Sessions.Count(s => s.Sport != Sport.Unknown), inputs.Count);
        Assert.Contains(inputs, i => i.Sport == Sport.Running && i.LoadsRunningMuscles && i.DistanceMeters > 1000);
        Assert.Contains(inputs, i => i.Sport == Sport.Cycling && !i.LoadsRunningMuscles && i.DistanceMeters > 10000);
    }

    private static RecordedActivity Run(DateTimeOffset start, int minutes, double metersPerSecond, double cadenceRpm, Sport sport)
    {
        var samples = new RecordedSample[(minutes * 60) + 1];
        for (int s = 0; s < samples.Length; s++)
        {
            samples[s] = new RecordedSample(
                start.AddSeconds(s),
                LatitudeDegrees: 46.0 + (s * metersPerSecond / 111_132.0),
                LongitudeDegrees: 14.5,
                AltitudeMeters: 300,
                DistanceMeters: s * metersPerSecond,
                HeartRateBpm: 140,
                CadenceRpm: cadenceRpm,
                TemperatureCelsius: 18);
        }

        return new RecordedActivity { Sport = sport, StartUtc = start, Samples = samples };
    }
}
