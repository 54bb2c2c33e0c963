using RunRecovery.Formats.Fit.Encoding;
using RunRecovery.Formats.Model;

namespace RunRecovery.TestSupport;

/// <summary>
/// A five-session triathlon written with our own FIT encoder: swim 30 min (1,500 m), T1 2 min (120 m), bike 60 min
/// (30 km), T2 1 min (60 m), run 40 min (8 km); 1 Hz samples with position, distance, speed and heart rate, each
/// session stating its own totals. The legs follow one another without a gap, so the whole is 133 min and 39,680 m.
/// </summary>
public static class Triathlon
{
    /// <summary>Sport, minutes, metres, heart rate, cadence (strokes, rpm or strides per minute) of each leg, in order.</summary>
    public static readonly IReadOnlyList<(string Sport, int Minutes, double Meters, int HeartRateBpm, double Cadence)> Legs =
    [
        (SportWords.Swimming, 30, 1500, 140, 30),
        (SportWords.Transition, 2, 120, 135, 60),
        (SportWords.Cycling, 60, 30000, 145, 85),
        (SportWords.Transition, 1, 60, 140, 60),
        (SportWords.Running, 40, 8000, 155, 85),
    ];

    public static double TotalMeters => Legs.Sum(leg => leg.Meters);

    public static int TotalSeconds => Legs.Sum(leg => leg.Minutes * 60);

    public static ParsedActivity Activity(DateTimeOffset start)
    {
        var samples = new List<ActivitySample>(TotalSeconds + Legs.Count);
        var sessions = new List<ActivitySession>(Legs.Count);
        DateTimeOffset legStart = start;
        double before = 0;
        foreach ((string sport, int minutes, double meters, int heartRate, double cadence) in Legs)
        {
            int seconds = minutes * 60;
            double speed = meters / seconds;
            int first = samples.Count;

            // Each leg's samples run from its start to one second before the next leg's (the last leg keeps its end).
            int last = sessions.Count == Legs.Count - 1 ? seconds : seconds - 1;
            for (int i = 0; i <= last; i++)
            {
                double distance = before + (i * speed);
                samples.Add(new ActivitySample(
                    legStart.AddSeconds(i),
                    LatitudeDegrees: 46.05 + (distance / 111_320.0),
                    LongitudeDegrees: 14.5,
                    AltitudeMeters: 300,
                    DistanceMeters: Math.Round(distance, 2),
                    SpeedMetersPerSecond: speed,
                    HeartRateBpm: heartRate + (i % 3),
                    CadenceRpm: cadence));
            }

            sessions.Add(new ActivitySession
            {
                Sport = sport,
                StartUtc = legStart,
                ElapsedTime = TimeSpan.FromSeconds(seconds),
                TimerTime = TimeSpan.FromSeconds(seconds),
                DistanceMeters = meters,
                AvgHeartRateBpm = heartRate + 1,
                MaxHeartRateBpm = heartRate + 2,
                AvgCadenceRpm = cadence,
                FirstSampleIndex = first,
                SampleCount = samples.Count - first,
            });
            legStart = legStart.AddSeconds(seconds);
            before += meters;
        }

        return new ParsedActivity
        {
            Format = ActivityFormat.Fit,
            Sport = SportWords.Multisport,
            StartUtc = start,
            Samples = samples,
            Sessions = sessions,
        };
    }

    /// <summary>The triathlon as a FIT file (our encoder).</summary>
    public static byte[] Fit(DateTimeOffset start) => FitActivityWriter.Write(Activity(start));
}
