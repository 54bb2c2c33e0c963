using System.Text.Json;
using RunRecovery.Analysis;
using RunRecovery.Api.Tests.Infrastructure;
using RunRecovery.Application.LoadInputs;
using RunRecovery.Scoring.Load;
using RunRecovery.Scoring.Planning;
using RunRecovery.Scoring.Recordings;

namespace RunRecovery.Api.Tests.LoadInputs;

/// <summary>The versioned contract of activities.load_inputs, without a database.</summary>
public sealed class LoadInputsJsonTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 6, 0, 0, TimeSpan.FromHours(1));

    [Fact]
    public void Version_2_round_trips_the_thinned_samples_exactly()
    {
        ActivityLoadInput input = Input(
        [
            new RecordedSample(Start, 46, 14, 300.2, 0, 140),
            new RecordedSample(Start.AddSeconds(2), 46, 14, 300.4, 6, 141), // within 5 s: thinned away
            new RecordedSample(Start.AddTicks(52_500_001), 46, 14, 301.6, 15.5, null, CadenceRpm: 84.5, SpeedMetersPerSecond: 3.012), // 5.2500001 s
            new RecordedSample(default, 46, 14) { TimeMissing = true }, // untimed: never stored
            new RecordedSample(Start.AddSeconds(9), AltitudeMeters: null, DistanceMeters: 27.12, HeartRateBpm: 150), // the last one is always kept
        ]);

        ActivityLoadInput read = Assert.Single(LoadInputsJson.Deserialize(LoadInputsJson.Serialize([input])));

        Assert.Equal(
            [
                new RecordedSample(Start, AltitudeMeters: 300.2, DistanceMeters: 0, HeartRateBpm: 140),
                new RecordedSample(Start.AddTicks(52_500_001), AltitudeMeters: 301.6, DistanceMeters: 15.5, CadenceRpm: 84.5, SpeedMetersPerSecond: 3.012),
                new RecordedSample(Start.AddSeconds(9), DistanceMeters: 27.12, HeartRateBpm: 150),
            ],
            read.Samples);
        Assert.Equal(input with { Samples = read.Samples }, read);
    }

    [Fact]
    public void Version_2_is_the_documented_document()
    {
        ActivityLoadInput input = Input([new RecordedSample(Start, AltitudeMeters: 300.2, DistanceMeters: 0, HeartRateBpm: 140), new RecordedSample(Start.AddSeconds(5), DistanceMeters: 15.5, HeartRateBpm: 141)]);

        string json = LoadInputsJson.Serialize([input]);

        Assert.Equal(
            """{"version":2,"inputs":[{"id":"a1","fileName":"a1.fit","sport":"Running","subSport":"trail","startUtc":"2026-03-02T05:00:00+00:00","movingTime":"00:40:00","elapsedTime":"00:41:00","distanceMeters":7500,"ascentMeters":59.2,"descentMeters":70.1,"avgHeartRateBpm":150,"maxHeartRateBpm":171,"avgCadenceStepsPerMinute":170,"avgTemperatureCelsius":12.5,"series":{"start":"2026-03-02T06:00:00+01:00","dt":[0,5],"hr":[140,141],"alt":[300.2,null],"dist":[0,15.5]}}]}""",
            json);
    }

    [Theory]
    [InlineData("run")]
    [InlineData("brick")]
    [InlineData("relative")]
    public void A_version_1_row_reads_as_before_and_scores_the_same_once_rewritten_as_version_2(string name)
    {
        IReadOnlyList<ActivityLoadInput> version1 = LoadInputsJson.Deserialize(LoadInputsFixtures.Version1(name));
        IReadOnlyList<ActivityLoadInput> version2 = LoadInputsJson.Deserialize(LoadInputsJson.Serialize(version1));

        Assert.Equal(version1.Count, version2.Count);
        Assert.Equal(Loads(version1), Loads(version2));
        for (int i = 0; i < version1.Count; i++)
        {
            Assert.Equal(version1[i].Samples.Select(LoadPart), version2[i].Samples.Select(LoadPart));
        }
    }

    [Fact]
    public void The_version_1_fixtures_hold_what_they_claim()
    {
        ActivityLoadInput run = Assert.Single(LoadInputsJson.Deserialize(LoadInputsFixtures.Version1("run")));
        Assert.Equal(Sport.Running, run.Sport);
        Assert.Equal(116, run.Samples.Count);
        Assert.Contains(run.Samples, s => s.Time.Ticks % TimeSpan.TicksPerSecond != 0);
        Assert.Contains(run.Samples, s => s.HeartRateBpm is null);
        Assert.All(run.Samples, s => Assert.Equal(TimeSpan.FromHours(1), s.Time.Offset));

        IReadOnlyList<ActivityLoadInput> brick = LoadInputsJson.Deserialize(LoadInputsFixtures.Version1("brick"));
        Assert.Equal([Sport.Cycling, Sport.Running], brick.Select(i => i.Sport));
        Assert.Empty(LoadInputsJson.Deserialize(LoadInputsFixtures.Version1("relative")));
    }

    [Theory]
    [InlineData("""{"version":3,"inputs":[]}""")]
    [InlineData("""{"inputs":[]}""")]
    [InlineData("""{"version":"2","inputs":[]}""")]
    [InlineData("42")]
    [InlineData("""{"version":2,"inputs":[{"sport":"Running"}]}""")]
    public void A_version_this_release_does_not_know_is_refused_not_guessed(string json)
    {
        Assert.Throws<StoredLoadInputsException>(() => LoadInputsJson.Deserialize(json));
    }

    [Fact]
    public void A_column_that_does_not_line_up_with_the_times_is_refused()
    {
        const string json = """{"version":2,"inputs":[{"id":"x","sport":"Running","startUtc":"2026-03-02T05:00:00+00:00","movingTime":"00:40:00","series":{"start":"2026-03-02T06:00:00+01:00","dt":[0,5],"hr":[140]}}]}""";

        Assert.Throws<StoredLoadInputsException>(() => LoadInputsJson.Deserialize(json));
    }

    [Fact]
    public void An_hour_at_1_hz_stores_several_times_smaller_than_version_1()
    {
        var analysis = ActivityAnalysis.Of(SyntheticRuns.Run(Start, minutes: 60), RunnerProfile.Default);
        IReadOnlyList<ActivityLoadInput> inputs = analysis.LoadInputs("01959f7c-0000-7000-8000-000000000009", "hour.fit");

        int version1 = Version1Length(inputs);
        int version2 = LoadInputsJson.Serialize(inputs).Length;

        Assert.True(version2 * 4 < version1, $"version 2: {version2} characters, version 1: {version1}");
    }

    /// <summary>
    /// What the old writer produced: the model's records with web names, nulls left out, enum names; samples one every
    /// 5 s (this run is 1 Hz) with time, position, altitude, distance and heart rate.
    /// </summary>
    private static int Version1Length(IReadOnlyList<ActivityLoadInput> inputs) =>
        JsonSerializer.Serialize(
            inputs.Select(input => input with
            {
                Samples = [.. input.Samples
                    .Where((s, i) => i % 5 == 0 || i == input.Samples.Count - 1)
                    .Select(s => new RecordedSample(s.Time, s.LatitudeDegrees, s.LongitudeDegrees, s.AltitudeMeters, s.DistanceMeters, s.HeartRateBpm))],
            }).ToArray(),
            StoredModelJson.Options).Length;

    private static (DateTimeOffset Time, int? HeartRate, double? Altitude, double? Distance) LoadPart(RecordedSample s) =>
        (s.Time, s.HeartRateBpm, s.AltitudeMeters, s.DistanceMeters);

    private static string Loads(IReadOnlyList<ActivityLoadInput> inputs)
    {
        var profile = new RunnerProfile { MaxHeartRateBpm = 190, RestingHeartRateBpm = 50, TimeZone = "Europe/Ljubljana" };
        LoadHistory history = LoadHistory.Build(profile, inputs);
        return JsonSerializer.Serialize(history.Activities);
    }

    private static ActivityLoadInput Input(RecordedSeries samples) => new()
    {
        Id = "a1",
        FileName = "a1.fit",
        Sport = Sport.Running,
        SubSport = "trail",
        StartUtc = Start.ToUniversalTime(),
        MovingTime = TimeSpan.FromMinutes(40),
        ElapsedTime = TimeSpan.FromMinutes(41),
        DistanceMeters = 7500,
        AscentMeters = 59.2,
        DescentMeters = 70.1,
        AvgHeartRateBpm = 150,
        MaxHeartRateBpm = 171,
        AvgCadenceStepsPerMinute = 170,
        AvgTemperatureCelsius = 12.5,
        Samples = samples,
    };
}
