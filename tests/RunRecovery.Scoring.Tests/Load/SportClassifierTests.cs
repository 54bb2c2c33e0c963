using RunRecovery.Scoring.Load;
using RunRecovery.Scoring.Planning;
using RunRecovery.Scoring.Recordings;
using RunRecovery.Scoring.Tests.Scenarios;
using Xunit;

namespace RunRecovery.Scoring.Tests.Load;

/// <summary>Issue 14, point 6: files without a sport are classified from speed and cadence (docs/recovery-model.md §2.4).</summary>
public class SportClassifierTests
{
    private static readonly DateTimeOffset Start = new(2026, 5, 1, 7, 0, 0, TimeSpan.Zero);

    // speed m/s, cadence as the file states it (strides/min for foot sports, rpm for bikes; null: none) → sport.
    [Theory]
    [InlineData(3.03, 84, Sport.Running)]    // 5:30/km at 168 steps/min
    [InlineData(3.03, null, Sport.Running)]  // 5:30/km without cadence
    [InlineData(2.0, 82, Sport.Running)]     // a slow jog: running cadence
    [InlineData(1.4, 58, Sport.Walking)]     // 5 km/h, 116 steps/min
    [InlineData(1.6, null, Sport.Walking)]   // below the walk–run transition (Hreljac 1993)
    [InlineData(7.5, 85, Sport.Cycling)]     // 27 km/h: no run is that fast for an hour
    [InlineData(4.6, 62, Sport.Cycling)]     // 16.6 km/h at a pedalling cadence far below running steps
    public void Classifies_from_speed_and_cadence(double speed, int? cadence, Sport expected)
    {
        var samples = Enumerable.Range(0, 600).Select(i => new RecordedSample(Start.AddSeconds(i * 6),
            DistanceMeters: i * 6 * speed, SpeedMetersPerSecond: speed, CadenceRpm: cadence)).ToArray();
        var input = new ActivityLoadInput
        {
            Id = "x",
            Sport = Sport.Unknown,
            StartUtc = Start,
            MovingTime = TimeSpan.FromSeconds(3600),
            DistanceMeters = 3600 * speed,
            Samples = samples,
        };

        Assert.Equal(expected, SportClassifier.Classify(input));
    }

    [Fact]
    public void A_stated_sport_is_kept()
    {
        var ride = new ActivityLoadInput { Id = "r", Sport = Sport.Cycling, StartUtc = Start, MovingTime = TimeSpan.FromHours(1), DistanceMeters = 10_000 };

        Assert.Equal(Sport.Cycling, SportClassifier.Classify(ride));
    }

    [Fact]
    public void A_classified_run_loads_the_running_muscles_like_a_stated_one()
    {
        var stated = new SyntheticRun("s", Start).Flat(12, 3.03, 150).Build();
        var unknown = stated with { Id = "u", Sport = Sport.Unknown };
        var profile = new RunnerProfile { WeeklyDistanceKm = 30 };

        var a = LoadHistory.Build(profile, [stated]).Activities[0];
        var b = LoadHistory.Build(profile, [unknown]).Activities[0];

        Assert.Equal(Sport.Running, b.Sport);
        Assert.True(b.SportClassified);
        Assert.Equal(a.MuscleLoad, b.MuscleLoad);
        Assert.Equal(a.CardioLoad, b.CardioLoad, 9);
    }
}
