using System.Runtime.CompilerServices;
using RunRecovery.Formats.Model;
using RunRecovery.Scoring.Recordings;

namespace RunRecovery.Analysis;

/// <summary>
/// What a reader parsed (<see cref="ParsedActivity"/>, Formats) as what Scoring reads (<see cref="RecordedActivity"/>).
/// The one place the two models meet: a field either is mapped here or does not reach Scoring. The samples are
/// copied once, in one pass, into Scoring's columns (<see cref="RecordedSeries"/>); sessions' samples are ranges of them.
/// </summary>
public static class RecordingMapper
{
    public static RecordedActivity From(ParsedActivity parsed)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        return new RecordedActivity
        {
            Sport = SportOf(parsed.Sport),
            SubSport = parsed.SubSport,
            StartUtc = parsed.StartUtc,
            UtcOffset = parsed.UtcOffset,
            ClockIsDeviceRelative = parsed.ClockIsDeviceRelative,
            Samples = Samples(parsed.SampleSpan()),
            Sessions = [.. parsed.Sessions.Select(Map)],
            Pauses = [.. parsed.Pauses.Select(pause => new RecordedPause(pause.StopUtc, pause.ResumeUtc))],
            SegmentStartIndices = parsed.SegmentStartIndices,
            DeviceMaxHeartRateBpm = parsed.UserProfile?.MaxHeartRateBpm,
            DeviceRestingHeartRateBpm = parsed.UserProfile?.RestingHeartRateBpm,
        };
    }

    /// <summary>
    /// Which sport of the model a file's sport word is: the ten words the model names
    /// (<see cref="SportWords"/>: running, walking, hiking, cycling, swimming, rowing, transition, multisport, generic,
    /// other) are those sports; any other word a file states ("fitness_equipment", "e_biking", "254") is
    /// <see cref="Sport.Other"/>; no word is <see cref="Sport.Unknown"/>. The one place a word becomes a model sport.
    /// </summary>
    public static Sport SportOf(string? word) => word switch
    {
        null => Sport.Unknown,
        SportWords.Running => Sport.Running,
        SportWords.Walking => Sport.Walking,
        SportWords.Hiking => Sport.Hiking,
        SportWords.Cycling => Sport.Cycling,
        SportWords.Swimming => Sport.Swimming,
        SportWords.Rowing => Sport.Rowing,
        SportWords.Transition => Sport.Transition,
        SportWords.Multisport => Sport.Multisport,
        SportWords.Generic => Sport.Generic,
        _ => Sport.Other,
    };

    /// <summary>
    /// The word a writer is given for a sport of the model (the runner's stored sport, written into an exported file):
    /// its lowercase name, which <see cref="SportOf"/> reads back as the same sport; none for <see cref="Sport.Unknown"/>.
    /// </summary>
    public static string? WordOf(Sport sport) => sport == Sport.Unknown ? null : Name(sport);

    /// <summary>The sport's lowercase name, as the service stores it and <c>inspect</c> prints it ("running", "unknown").</summary>
    public static string Name(Sport sport) => sport.ToString().ToLowerInvariant();

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // issue 18: hot from the first call (docs/benchmarks.md)
    private static RecordedSeries Samples(ReadOnlySpan<ActivitySample> source)
    {
        var series = new RecordedSeriesBuilder(source.Length);
        for (int i = 0; i < source.Length; i++)
        {
            ref readonly ActivitySample s = ref source[i];
            series.Add(
                s.Time, s.TimeMissing, s.LatitudeDegrees, s.LongitudeDegrees, s.AltitudeMeters, s.DistanceMeters, s.HeartRateBpm, s.CadenceRpm,
                s.TemperatureCelsius, s.SpeedMetersPerSecond);
        }

        return series.Build();
    }

    private static RecordedSession Map(ActivitySession session) => new()
    {
        Sport = SportOf(session.Sport),
        SubSport = session.SubSport,
        Stated = new DeviceTotals(
            session.StartUtc, session.ElapsedTime, session.TimerTime, session.DistanceMeters, session.AscentMeters, session.DescentMeters),
        FirstSampleIndex = session.FirstSampleIndex,
        SampleCount = session.SampleCount,
    };
}
