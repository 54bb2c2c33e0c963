using RunRecovery.Analysis;
using RunRecovery.Formats.Fit.Profile;
using RunRecovery.Formats.Model;
using RunRecovery.Scoring.Metrics;
using RunRecovery.Scoring.Recordings;
using Xunit;

namespace RunRecovery.Scoring.Tests.Analysis;

/// <summary>The one place where a parsed file becomes Scoring's input: nothing is lost or renamed on the way.</summary>
public class RecordingMapperTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 7, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Scoring_references_no_other_project()
    {
        string[] ours = [.. typeof(ActivityMetrics).Assembly.GetReferencedAssemblies()
            .Select(name => name.Name ?? "")
            .Where(name => name.StartsWith("RunRecovery", StringComparison.Ordinal))];

        Assert.Empty(ours);
    }

    [Theory]
    [InlineData(null, Sport.Unknown)]
    [InlineData("running", Sport.Running)]
    [InlineData("walking", Sport.Walking)]
    [InlineData("hiking", Sport.Hiking)]
    [InlineData("cycling", Sport.Cycling)]
    [InlineData("swimming", Sport.Swimming)]
    [InlineData("rowing", Sport.Rowing)]
    [InlineData("transition", Sport.Transition)]
    [InlineData("multisport", Sport.Multisport)]
    [InlineData("generic", Sport.Generic)]
    [InlineData("other", Sport.Other)] // a GPX <type> or TCX Sport "Other"
    [InlineData("fitness_equipment", Sport.Other)]
    [InlineData("e_biking", Sport.Other)]
    [InlineData("all", Sport.Other)]
    [InlineData("200", Sport.Other)] // a FIT sport number the profile does not name
    public void Each_sport_word_is_one_sport_of_the_model(string? word, Sport expected) =>
        Assert.Equal(expected, RecordingMapper.SportOf(word));

    /// <summary>The FIT sport numbers read as the model's sports exactly as they did when Formats had its own sport enum.</summary>
    [Fact]
    public void Every_fit_sport_number_is_the_model_sport_it_always_was()
    {
        var named = new Dictionary<long, Sport>
        {
            [0] = Sport.Generic,
            [1] = Sport.Running,
            [2] = Sport.Cycling,
            [3] = Sport.Transition,
            [5] = Sport.Swimming,
            [11] = Sport.Walking,
            [15] = Sport.Rowing,
            [17] = Sport.Hiking,
            [18] = Sport.Multisport,
        };
        for (long number = 0; number <= 255; number++)
        {
            Assert.Equal(named.GetValueOrDefault(number, Sport.Other), RecordingMapper.SportOf(FitProfile.SportName(number)));
        }

        Assert.Equal(Sport.Unknown, RecordingMapper.SportOf(FitProfile.SportName(null)));
    }

    [Fact]
    public void Every_sport_of_the_model_is_written_as_a_word_that_reads_back_as_itself()
    {
        foreach (Sport sport in Enum.GetValues<Sport>())
        {
            Assert.Equal(sport, RecordingMapper.SportOf(RecordingMapper.WordOf(sport)));
            Assert.Equal(sport.ToString().ToLowerInvariant(), RecordingMapper.Name(sport));
        }
    }

    [Fact]
    public void Every_field_scoring_reads_is_carried_over()
    {
        var parsed = new ParsedActivity
        {
            Format = ActivityFormat.Fit,
            Sport = SportWords.Running,
            SubSport = "trail",
            StartUtc = T0,
            UtcOffset = TimeSpan.FromHours(2),
            Samples =
            [
                new ActivitySample(T0, 46.1, 14.2, 310.4, 0, 3.1, 141, 85.5, 250, 18.5),
                new ActivitySample(default, 46.2, 14.3) { TimeMissing = true },
            ],
            Sessions = [new ActivitySession
            {
                Sport = SportWords.Running, SubSport = "trail", StartUtc = T0, ElapsedTime = TimeSpan.FromMinutes(31),
                TimerTime = TimeSpan.FromMinutes(30), DistanceMeters = 5000, AscentMeters = 120, DescentMeters = 110,
                FirstSampleIndex = 0, SampleCount = 2,
            }],
            Pauses = [new TimerPause(T0.AddMinutes(10), T0.AddMinutes(11))],
            SegmentStartIndices = [0, 1],
            UserProfile = new UserProfileInfo(40, "male", 70, 48, 188),
        };

        RecordedActivity recording = RecordingMapper.From(parsed);

        Assert.Equal(Sport.Running, recording.Sport);
        Assert.Equal("trail", recording.SubSport);
        Assert.Equal(T0, recording.StartUtc);
        Assert.Equal(TimeSpan.FromHours(2), recording.UtcOffset);
        Assert.False(recording.ClockIsDeviceRelative);
        Assert.Equal(new RecordedSample(T0, 46.1, 14.2, 310.4, 0, 141, 85.5, 18.5, SpeedMetersPerSecond: 3.1), recording.Samples[0]);
        Assert.True(recording.Samples[1].TimeMissing);
        Assert.Equal(new RecordedSession
        {
            Sport = Sport.Running,
            SubSport = "trail",
            Stated = new DeviceTotals(T0, TimeSpan.FromMinutes(31), TimeSpan.FromMinutes(30), DistanceMeters: 5000, AscentMeters: 120, DescentMeters: 110),
            FirstSampleIndex = 0,
            SampleCount = 2,
        }, Assert.Single(recording.Sessions));
        Assert.Equal(new RecordedPause(T0.AddMinutes(10), T0.AddMinutes(11)), Assert.Single(recording.Pauses));
        Assert.Equal([0, 1], recording.SegmentStartIndices);
        Assert.Equal(188, recording.DeviceMaxHeartRateBpm);
        Assert.Equal(48, recording.DeviceRestingHeartRateBpm);
    }
}
