using RunRecovery.Analysis;
using RunRecovery.Formats.Model;
using RunRecovery.Scoring.Metrics;
using RunRecovery.Scoring.Recordings;
using Xunit;
using FormatSport = RunRecovery.Formats.Model.Sport;
using Sport = RunRecovery.Scoring.Recordings.Sport;

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

    [Fact]
    public void Every_sport_of_the_file_formats_maps_to_the_sport_of_the_same_name()
    {
        foreach (FormatSport sport in Enum.GetValues<FormatSport>())
        {
            Assert.Equal(sport.ToString(), RecordingMapper.Map(sport).ToString());
        }

        Assert.Equal(Enum.GetNames<FormatSport>(), Enum.GetNames<Sport>());
    }

    [Fact]
    public void Every_field_scoring_reads_is_carried_over()
    {
        var parsed = new ParsedActivity
        {
            Format = ActivityFormat.Fit,
            Sport = FormatSport.Running,
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
                Sport = FormatSport.Running, SubSport = "trail", StartUtc = T0, ElapsedTime = TimeSpan.FromMinutes(31),
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
            StartUtc = T0,
            ElapsedTime = TimeSpan.FromMinutes(31),
            TimerTime = TimeSpan.FromMinutes(30),
            DistanceMeters = 5000,
            AscentMeters = 120,
            DescentMeters = 110,
            FirstSampleIndex = 0,
            SampleCount = 2,
        }, Assert.Single(recording.Sessions));
        Assert.Equal(new RecordedPause(T0.AddMinutes(10), T0.AddMinutes(11)), Assert.Single(recording.Pauses));
        Assert.Equal([0, 1], recording.SegmentStartIndices);
        Assert.Equal(188, recording.DeviceMaxHeartRateBpm);
        Assert.Equal(48, recording.DeviceRestingHeartRateBpm);
    }
}
