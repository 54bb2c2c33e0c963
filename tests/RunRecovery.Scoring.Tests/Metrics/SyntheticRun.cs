using RunRecovery.Analysis;
using RunRecovery.Formats;
using RunRecovery.Formats.Gpx;
using RunRecovery.Formats.Model;
using RunRecovery.Scoring.Metrics;

namespace RunRecovery.Scoring.Tests.Metrics;

/// <summary>
/// Builds runs of known geometry (points placed with Vincenty's direct formula) and pushes them through the
/// whole path a user's file takes: GpxWriter → bytes → ActivityFile.Read → RecordingMapper → ActivityMetrics.
/// </summary>
internal sealed class SyntheticRun
{
    public static readonly DateTimeOffset Start = new(2024, 5, 1, 6, 0, 0, TimeSpan.Zero);
    private const double MetresPerDegreeLatitude = 111_320;

    private readonly List<ActivitySample> _samples = [];
    private readonly List<int> _segments = [];
    private double _lat;
    private double _lon;
    private double _seconds;

    public SyntheticRun(double lat, double lon)
    {
        _lat = lat;
        _lon = lon;
    }

    public IReadOnlyList<ActivitySample> Samples => _samples;

    /// <summary>Runs <paramref name="metres"/> along the geodesic with this bearing, one point per second.</summary>
    public SyntheticRun Run(double bearing, double metres, double speed, Func<double, double>? altitude = null, int? heartRate = 150)
    {
        double lat0 = _lat, lon0 = _lon;
        int steps = (int)Math.Round(metres / speed);
        if (_samples.Count == 0)
        {
            Add(lat0, lon0, altitude?.Invoke(0), heartRate);
        }

        for (int k = 1; k <= steps; k++)
        {
            double s = metres * k / steps;
            (double lat, double lon) = Geodesy.Destination(lat0, lon0, bearing, s);
            _seconds += metres / steps / speed;
            Add(lat, lon, altitude?.Invoke(s), heartRate);
        }

        return this;
    }

    /// <summary>Stands still for <paramref name="seconds"/>, one point per second with AR(1) GPS jitter (σ per axis, correlation ρ).</summary>
    public SyntheticRun Stand(int seconds, double sigma, double rho, int seed, double? altitude = null)
    {
        var random = new Random(seed);
        double north = 0, east = 0;
        double innovation = sigma * Math.Sqrt(1 - (rho * rho));
        for (int k = 1; k <= seconds; k++)
        {
            north = (rho * north) + (innovation * Gaussian(random));
            east = (rho * east) + (innovation * Gaussian(random));
            _seconds += 1;
            double lat = _lat + (north / MetresPerDegreeLatitude);
            double lon = _lon + (east / (MetresPerDegreeLatitude * Math.Cos(_lat * Math.PI / 180)));
            _samples.Add(new ActivitySample(Start.AddSeconds(_seconds), lat, lon, altitude, HeartRateBpm: 120));
        }

        return this;
    }

    /// <summary>The watch pauses: no points for <paramref name="seconds"/>.</summary>
    public SyntheticRun Pause(int seconds)
    {
        _seconds += seconds;
        return this;
    }

    /// <summary>A loop around a circle of the given circumference, altitude a function of distance run.</summary>
    public SyntheticRun Loop(double circumference, double speed, Func<double, double> altitude)
    {
        double radius = circumference / (2 * Math.PI);
        (double cLat, double cLon) = (_lat, _lon);
        int steps = (int)Math.Round(circumference / speed);
        for (int k = 0; k <= steps; k++)
        {
            double s = circumference * k / steps;
            (double lat, double lon) = Geodesy.Destination(cLat, cLon, 360.0 * k / steps, radius);
            _seconds = circumference * k / steps / speed;
            Add(lat, lon, altitude(s), 150);
        }

        return this;
    }

    public ParsedActivity Parse(string? type = "running")
    {
        byte[] gpx = GpxWriter.ToBytes(_samples, _segments, type);
        return ActivityFile.Read(gpx, "synthetic.gpx");
    }

    public ActivityMetrics Metrics(MetricsOptions? options = null, string? type = "running") =>
        ActivityMetrics.From(RecordingMapper.From(Parse(type)), options);

    private void Add(double lat, double lon, double? altitude, int? heartRate)
    {
        _lat = lat;
        _lon = lon;
        _samples.Add(new ActivitySample(Start.AddSeconds(_seconds), lat, lon, altitude, HeartRateBpm: heartRate, CadenceRpm: 85));
    }

    private static double Gaussian(Random random)
    {
        double u1 = 1 - random.NextDouble();
        double u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
