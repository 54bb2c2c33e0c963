using System.Runtime.CompilerServices;
using RunRecovery.Formats.Model;
using RunRecovery.Scoring.Recordings;
using FormatSport = RunRecovery.Formats.Model.Sport;
using Sport = RunRecovery.Scoring.Recordings.Sport;

namespace RunRecovery.Analysis;

/// <summary>
/// What a reader parsed (<see cref="ParsedActivity"/>, Formats) as what Scoring reads (<see cref="RecordedActivity"/>).
/// The one place the two models meet: a field either is mapped here or does not reach Scoring. The samples are
/// copied once into one array (uninitialized, no per-sample object); sessions' samples are later segments of it.
/// </summary>
public static class RecordingMapper
{
    public static RecordedActivity From(ParsedActivity parsed)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        return new RecordedActivity
        {
            Sport = Map(parsed.Sport),
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

    /// <summary>Each sport of the file formats as the same-named sport of the model.</summary>
    public static Sport Map(FormatSport sport) => sport switch
    {
        FormatSport.Running => Sport.Running,
        FormatSport.Walking => Sport.Walking,
        FormatSport.Hiking => Sport.Hiking,
        FormatSport.Cycling => Sport.Cycling,
        FormatSport.Swimming => Sport.Swimming,
        FormatSport.Rowing => Sport.Rowing,
        FormatSport.Transition => Sport.Transition,
        FormatSport.Multisport => Sport.Multisport,
        FormatSport.Generic => Sport.Generic,
        FormatSport.Other => Sport.Other,
        _ => Sport.Unknown,
    };

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // issue 18: hot from the first call (docs/benchmarks.md)
    private static RecordedSample[] Samples(ReadOnlySpan<ActivitySample> source)
    {
        if (source.IsEmpty)
        {
            return [];
        }

        RecordedSample[] samples = GC.AllocateUninitializedArray<RecordedSample>(source.Length);
        for (int i = 0; i < source.Length; i++)
        {
            ref readonly ActivitySample s = ref source[i];
            samples[i] = new RecordedSample(
                s.Time, s.LatitudeDegrees, s.LongitudeDegrees, s.AltitudeMeters, s.DistanceMeters, s.HeartRateBpm, s.CadenceRpm, s.TemperatureCelsius,
                s.SpeedMetersPerSecond)
            {
                TimeMissing = s.TimeMissing,
            };
        }

        return samples;
    }

    private static RecordedSession Map(ActivitySession session) => new()
    {
        Sport = Map(session.Sport),
        SubSport = session.SubSport,
        StartUtc = session.StartUtc,
        ElapsedTime = session.ElapsedTime,
        TimerTime = session.TimerTime,
        DistanceMeters = session.DistanceMeters,
        AscentMeters = session.AscentMeters,
        DescentMeters = session.DescentMeters,
        FirstSampleIndex = session.FirstSampleIndex,
        SampleCount = session.SampleCount,
    };
}
