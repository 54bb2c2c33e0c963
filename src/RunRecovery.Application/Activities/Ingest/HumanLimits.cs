using RunRecovery.Scoring.Recordings;

namespace RunRecovery.Application.Activities.Ingest;

/// <summary>
/// What a human can do, per sport, with margin (docs/security.md, "Plausibility limits and their sources"). Samples
/// beyond them are dropped with a warning (<see cref="ActivityPlausibility.Clean"/>); files whose totals are beyond them are
/// refused as <c>implausible</c> (<see cref="ActivityPlausibility"/>).
/// </summary>
public static class HumanLimits
{
    /// <summary>
    /// Longest activity one file may hold: 7 days. The longest continuous foot races (six-day races; Kouros ran
    /// 1,036.8 km in 1984) and the Race Across America (about 8 days, recorded in daily files) fit, with margin.
    /// </summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromDays(7);

    /// <summary>Lowest dry land: the Dead Sea shore, about −430 m; −500 m leaves margin for barometer error.</summary>
    public const double MinAltitudeMeters = -500;

    /// <summary>Everest, 8,848.86 m (2020 survey); 9,000 m leaves margin for barometer and GPS error.</summary>
    public const double MaxAltitudeMeters = 9_000;

    /// <summary>A jump shorter than this between two positions is GPS noise, never a teleport.</summary>
    public const double GpsNoiseMeters = 100;

    /// <summary>Fastest speed a human reaches in the sport, with margin, in m/s (<see cref="SpeedLimits"/>).</summary>
    public static double MaxSpeedMetersPerSecond(Sport sport) => SpeedLimits(sport).Peak;

    /// <summary>Fastest average over a whole activity, with margin, in m/s (<see cref="SpeedLimits"/>).</summary>
    public static double MaxAverageSpeedMetersPerSecond(Sport sport) => SpeedLimits(sport).Average;

    /// <summary>
    /// The speed limits of a sport, in m/s, with margin. <c>Peak</c>, the fastest a human reaches in the sport:
    /// running, walking, hiking 12.5 (Bolt's peak, 12.4 m/s, 100 m, Berlin 2009); swimming 2.5 (50 m freestyle record
    /// 20.91 s, 2.39 m/s); rowing 7 (2,000 m record 5:18.68 in the men's eight, 6.27 m/s); cycling 40 (fastest road
    /// descents about 130 km/h, 36 m/s, outside paced and downhill record attempts); anything else 71 (speed skiing
    /// record 254.958 km/h, 70.8 m/s, 2016). <c>Average</c>, the fastest average over a whole activity: running 10.5
    /// (Bolt's 100 m, 9.58 s, 10.44 m/s); walking and hiking the same (a file's sport can be wrong); cycling 25 (hour
    /// record 56.792 km, 15.8 m/s; a downhill-only file can be faster); swimming 2.5; rowing 7; else 71 as for the peak.
    /// </summary>
    private static (double Peak, double Average) SpeedLimits(Sport sport) => sport switch
    {
        Sport.Running or Sport.Walking or Sport.Hiking => (12.5, 10.5),
        Sport.Swimming => (2.5, 2.5),
        Sport.Rowing => (7, 7),
        Sport.Cycling => (40, 25),
        _ => (71, 71),
    };
}
