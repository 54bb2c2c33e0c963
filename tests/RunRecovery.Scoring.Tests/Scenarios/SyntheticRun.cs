using RunRecovery.Analysis;
using RunRecovery.Formats.Fit;
using RunRecovery.Formats.Fit.Encoding;
using RunRecovery.Formats.Model;
using RunRecovery.Scoring.Load;
using RunRecovery.Scoring.Planning;
using Xunit;
using Sport = RunRecovery.Scoring.Recordings.Sport;

namespace RunRecovery.Scoring.Tests.Scenarios;

/// <summary>
/// Builds an activity from segments as a sample series (time, distance, altitude, speed, heart rate, cadence,
/// temperature every few seconds). <see cref="Build"/> writes it as a real FIT file with our encoder and reads it
/// back the way the service does (FIT decoder → <see cref="ActivityAnalysis"/> → <see cref="ActivityLoadInputMapper"/>), so the scenario
/// table exercises the whole pipeline; <see cref="BuildDirect"/> skips the file for tests of the model alone.
/// </summary>
internal sealed class SyntheticRun(string id, DateTimeOffset startUtc, Sport sport = Sport.Running)
{
    private readonly List<(double Meters, double Grade, double Speed, int? HeartRate)> _segments = [];
    private double _cadence = 170;
    private double? _temperature;
    private bool _heartRate = true;
    private bool _altitude = true;
    private bool _cadencePresent = true;
    private string? _subSport;
    private double _stepSeconds = 10;
    private List<ActivitySample> _fileSamples = [];

    /// <summary>A level segment of <paramref name="km"/> at <paramref name="speed"/> m/s.</summary>
    public SyntheticRun Flat(double km, double speed, int? heartRate = 150) => Segment(km * 1000, 0, speed, heartRate);

    /// <summary>Climb (positive) or descend (negative) <paramref name="verticalMeters"/> at a constant grade.</summary>
    public SyntheticRun Hill(double verticalMeters, double grade, double speed, int? heartRate = 150) =>
        Segment(Math.Abs(verticalMeters / grade), Math.Sign(verticalMeters) * Math.Abs(grade), speed, heartRate);

    public SyntheticRun Segment(double horizontalMeters, double grade, double speed, int? heartRate)
    {
        _segments.Add((horizontalMeters, grade, speed, heartRate));
        return this;
    }

    public SyntheticRun Cadence(double stepsPerMinute)
    {
        _cadence = stepsPerMinute;
        return this;
    }

    public SyntheticRun NoCadence()
    {
        _cadencePresent = false;
        return this;
    }

    public SyntheticRun Temperature(double celsius)
    {
        _temperature = celsius;
        return this;
    }

    public SyntheticRun NoHeartRate()
    {
        _heartRate = false;
        return this;
    }

    /// <summary>Treadmill-style: no altitude, no position.</summary>
    public SyntheticRun Indoor(string subSport = "treadmill")
    {
        _altitude = false;
        _subSport = subSport;
        return this;
    }

    public SyntheticRun SampleEvery(double seconds)
    {
        _stepSeconds = seconds;
        return this;
    }

    public ActivityLoadInput Build()
    {
        ActivityLoadInput truth = BuildDirect();
        string? fileSport = RecordingMapper.WordOf(sport);
        var activity = new ParsedActivity
        {
            Format = ActivityFormat.Fit,
            Sport = fileSport,
            SubSport = _subSport,
            StartUtc = startUtc,
            Samples = _fileSamples,
            Sessions =
            [
                new ActivitySession
                {
                    Sport = fileSport,
                    SubSport = _subSport,
                    StartUtc = startUtc,
                    ElapsedTime = truth.ElapsedTime,
                    TimerTime = truth.MovingTime,
                    DistanceMeters = truth.DistanceMeters,
                    AscentMeters = truth.AscentMeters,
                    DescentMeters = truth.DescentMeters,
                    AvgHeartRateBpm = truth.AvgHeartRateBpm,
                    MaxHeartRateBpm = truth.MaxHeartRateBpm,
                    SampleCount = truth.Samples.Count,
                },
            ],
        };

        byte[] file = FitActivityWriter.Write(activity);
        ParsedActivity parsed = FitActivityReader.Read(file);
        return Assert.Single(ActivityAnalysis.Of(parsed, RunnerProfile.Default).LoadInputs(id, id + ".fit"));
    }

    /// <summary>The load input straight from the segments, without writing a file.</summary>
    public ActivityLoadInput BuildDirect()
    {
        var samples = new List<ActivitySample>();
        double t = 0, distance = 0, altitude = 200, ascent = 0, descent = 0;
        int maxHr = 0;
        double hrSum = 0;
        int hrCount = 0;
        samples.Add(Sample(0, 0, altitude, _segments.Count > 0 ? _segments[0].Speed : 0, _segments.Count > 0 ? _segments[0].HeartRate : null));
        foreach (var (meters, grade, speed, heartRate) in _segments)
        {
            double left = meters;
            while (left > 1e-6)
            {
                double step = Math.Min(left, speed * _stepSeconds);
                double dt = step / speed;
                left -= step;
                t += dt;
                distance += step;
                double rise = step * grade;
                altitude += rise;
                ascent += Math.Max(0, rise);
                descent += Math.Max(0, -rise);
                samples.Add(Sample(t, distance, altitude, speed, heartRate));
                if (_heartRate && heartRate is { } hr)
                {
                    maxHr = Math.Max(maxHr, hr);
                    hrSum += hr * dt;
                    hrCount++;
                }
            }
        }

        return new ActivityLoadInput
        {
            Id = id,
            FileName = id + ".fit",
            Sport = sport,
            SubSport = _subSport,
            StartUtc = startUtc,
            MovingTime = TimeSpan.FromSeconds(Math.Round(t)),
            ElapsedTime = TimeSpan.FromSeconds(Math.Round(t)),
            DistanceMeters = distance,
            AscentMeters = _altitude ? ascent : null,
            DescentMeters = _altitude ? descent : null,
            AvgHeartRateBpm = _heartRate && hrCount > 0 ? (int)Math.Round(hrSum / t) : null,
            MaxHeartRateBpm = _heartRate && hrCount > 0 ? maxHr : null,
            AvgCadenceStepsPerMinute = _cadencePresent && sport == Sport.Running ? _cadence : null,
            AvgTemperatureCelsius = _temperature,
            Samples = RecordingMapper.From(new ParsedActivity { Format = ActivityFormat.Fit, Samples = _fileSamples = samples }).Samples,
        };
    }

    private ActivitySample Sample(double seconds, double distance, double altitude, double speed, int? heartRate) => new(
        startUtc.AddSeconds(seconds),
        AltitudeMeters: _altitude ? altitude : null,
        DistanceMeters: distance,
        SpeedMetersPerSecond: speed,
        HeartRateBpm: _heartRate ? heartRate : null,
        CadenceRpm: _cadencePresent && sport == Sport.Running ? _cadence / 2 : null,
        TemperatureCelsius: _temperature);
}
