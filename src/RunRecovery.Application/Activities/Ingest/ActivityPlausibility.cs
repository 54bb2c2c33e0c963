using System.Globalization;
using RunRecovery.Analysis;
using RunRecovery.Formats.Fit.Profile;
using RunRecovery.Formats.Model;
using RunRecovery.Scoring.Metrics;
using RunRecovery.Scoring.Recordings;

namespace RunRecovery.Application.Activities.Ingest;

/// <summary>
/// What a file must be, beyond readable, to be stored as a run (docs/security.md, "Hostile input"): a FIT file must
/// be an activity recording (not settings, a weight scale…), and a TCX course or a GPX route without times is a
/// plan, not a run, and a GPX track without times has no date ("no-time"); a dated run must start between
/// <see cref="Earliest"/> and <see cref="FutureTolerance"/> after the server's clock; and it must hold something
/// (samples, or a session with a duration); a file that ends early keeps what came before the cut when that is a
/// run (<see cref="Salvageable"/>). Single odd values (a 400 bpm reading) are not refused here: the metrics
/// leave them out (Scoring's heart-rate analysis, 25–250 bpm), and single positions, speeds, distances and altitudes
/// no human produces are dropped with a warning (<see cref="Clean"/>, which runs first).
/// </summary>
public static class ActivityPlausibility
{
    /// <summary>Before GPS watches recorded runs (and before the FIT epoch); a 1970 date is a reset clock.</summary>
    public static readonly DateTimeOffset Earliest = new(1990, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>A device clock may be ahead by a time zone or so; a day covers every zone and a little drift.</summary>
    public static readonly TimeSpan FutureTolerance = TimeSpan.FromDays(1);

    /// <summary>Two timed samples make a duration; fewer is not a run.</summary>
    public const int MinSalvagedSamples = 2;

    /// <summary>
    /// A file that ends early (the watch died mid-run: it stops inside a record, without its session or CRC) keeps
    /// what was read before the cut when that is a run: at least <see cref="MinSalvagedSamples"/> samples with times
    /// at least a second apart, or a session with a duration. Other damage (a CRC mismatch, a corrupt definition) is
    /// refused: the bytes before it cannot be trusted to be what the device wrote.
    /// </summary>
    public static bool Salvageable(ParsedActivity parsed)
    {
        if (parsed.Error is not { Code: "truncated" })
        {
            return false;
        }

        (int timed, DateTimeOffset? first, DateTimeOffset? last) = parsed.TimedSamples();
        return (timed >= MinSalvagedSamples && last - first >= TimeSpan.FromSeconds(1)) || parsed.HasSessionDuration();
    }

    /// <summary>
    /// Drops values no human produces (<see cref="HumanLimits"/>) before metrics and load are computed, with one warning
    /// per kind naming how many were dropped: altitudes below −500 m or above 9,000 m; speeds above the sport's fastest;
    /// positions and cumulative distances that jump further than the sport's fastest speed allows since the last kept
    /// one (a "teleport"; jumps under 100 m are GPS noise and always kept). The sport is each sample's session's (a
    /// triathlon's run leg is held to running's limit, its ride to cycling's), the file's outside any session or where
    /// its session states no sport (<see cref="SportAt"/>). Heart rates are left to the metrics (25–250 bpm, Scoring).
    /// The stored original is never changed.
    /// </summary>
    public static ParsedActivity Clean(ParsedActivity parsed)
    {
        if (parsed.Samples.Count == 0)
        {
            return parsed;
        }

        ActivitySession[] sessions = [.. parsed.Sessions.Where(s => s.SampleCount > 0).OrderBy(s => s.FirstSampleIndex)];
        Sport fileSport = RecordingMapper.SportOf(parsed.Sport);
        SortedSet<Sport> dropped = []; // the sports whose limit left a value out, for the warnings
        int session = 0;
        int count = parsed.Samples.Count;
        ActivitySample[]? samples = null; // copied at the first dropped value: a clean file (most) keeps its own list
        int altitudes = 0, speeds = 0, positions = 0, distances = 0;
        ActivitySample? lastPosition = null;
        ActivitySample? lastDistance = null;
        for (int i = 0; i < count; i++)
        {
            int droppedBefore = altitudes + speeds + positions + distances;
            ActivitySample sample = parsed.Samples[i];
            Sport sport = SportAt(sessions, ref session, i, fileSport);
            double maxSpeed = HumanLimits.MaxSpeedMetersPerSecond(sport);
            if (sample.AltitudeMeters is { } altitude && altitude is < HumanLimits.MinAltitudeMeters or > HumanLimits.MaxAltitudeMeters)
            {
                sample = sample with { AltitudeMeters = null };
                altitudes++;
            }

            if (sample.SpeedMetersPerSecond is { } speed && speed > maxSpeed)
            {
                sample = sample with { SpeedMetersPerSecond = null };
                speeds++;
                dropped.Add(sport);
            }

            if (sample.HasPosition && !sample.TimeMissing)
            {
                if (lastPosition is { } previous && Teleports(previous, sample, Haversine(previous, sample), maxSpeed))
                {
                    sample = sample with { LatitudeDegrees = null, LongitudeDegrees = null };
                    positions++;
                    dropped.Add(sport);
                }
                else
                {
                    lastPosition = sample;
                }
            }

            if (sample.DistanceMeters is { } distance && !sample.TimeMissing)
            {
                if (lastDistance is { DistanceMeters: { } before } previous && Teleports(previous, sample, distance - before, maxSpeed))
                {
                    sample = sample with { DistanceMeters = null };
                    distances++;
                    dropped.Add(sport);
                }
                else
                {
                    lastDistance = sample;
                }
            }

            if (samples is null && altitudes + speeds + positions + distances != droppedBefore)
            {
                samples = new ActivitySample[count];
                parsed.SampleSpan()[..i].CopyTo(samples);
            }

            if (samples is not null)
            {
                samples[i] = sample;
            }
        }

        if (samples is null)
        {
            return parsed;
        }

        List<FormatWarning> warnings = [.. parsed.Warnings];
        string limit = string.Join("; ", dropped.Select(sport => string.Create(
            CultureInfo.InvariantCulture, $"{HumanLimits.MaxSpeedMetersPerSecond(sport):0.#} m/s (the fastest {sport.ToString().ToLowerInvariant()})")));
        Warn(warnings, altitudes, "altitude-out-of-range", $"altitudes outside {HumanLimits.MinAltitudeMeters:0} to {HumanLimits.MaxAltitudeMeters:0} m");
        Warn(warnings, speeds, "speed-out-of-range", $"speeds above {limit}");
        Warn(warnings, positions, "position-jump", $"positions further from the previous one than {limit} allows");
        Warn(warnings, distances, "distance-jump", $"distances further from the previous one than {limit} allows");
        return parsed with { Samples = samples, Warnings = warnings };
    }

    /// <summary>The outcome and reason when the file is not stored, or null when it may be.</summary>
    public static (IngestOutcome Outcome, FileError Error)? Check(ParsedActivity parsed, DateTimeOffset? startUtc, string? fileName, DateTimeOffset now)
    {
        string file = string.IsNullOrEmpty(fileName) ? "The file" : fileName;
        if (parsed.FitFileType is { } type && type != FitProfile.ActivityFileType)
        {
            return (IngestOutcome.NotAnActivity, new FileError(
                "not-an-activity",
                $"{file} is a FIT {FitProfile.FileTypeName(type)} file (file_id.type {type}), not an activity recording; nothing was stored.",
                null));
        }

        if (parsed.Warnings.Any(w => w.Code == "tcx-course")
            || (parsed.Warnings.Any(w => w.Code == "route-only") && parsed.Warnings.Any(w => w.Code == "no-times")))
        {
            return (IngestOutcome.NotAnActivity, new FileError(
                "not-an-activity", $"{file} is a planned route (a TCX course or a GPX route without times), not a recorded activity; nothing was stored.", null));
        }

        if (parsed.Warnings.Any(w => w.Code == "no-times"))
        {
            // A track without times has no date, duration or pace: dating it by its upload would place a load
            // on a day it was not run (issue 15).
            return (IngestOutcome.NotAnActivity, new FileError(
                "no-time", $"{file} is a track without timestamps: with no date or duration it is not a recorded activity; nothing was stored. Export it again with times.", null));
        }

        if (new[] { startUtc, EarliestStated(parsed) }.FirstOrDefault(date => date < Earliest || date > now + FutureTolerance) is { } start)
        {
            return (IngestOutcome.Implausible, new FileError(
                "implausible-date",
                $"{file} starts at {Format(start)}, outside the accepted window ({Format(Earliest)} to a day after the server's clock, {Format(now)}); "
                + "check the device's date.",
                null));
        }

        if (ImpossibleTotals(parsed, file) is { } impossible)
        {
            return (IngestOutcome.Implausible, impossible);
        }

        if (parsed.Samples.Count == 0 && !parsed.HasSessionDuration())
        {
            return (IngestOutcome.NoData, new FileError("no-data", $"{file} holds no samples and no session with a duration: there is no run to store.", null));
        }

        return null;
    }

    /// <summary>
    /// The earliest (or an out-of-window) date the file states anywhere: its start, its sessions' starts, its first
    /// timed sample. A file whose summary start is missing but whose samples say year 1 is refused like 1900.
    /// </summary>
    private static DateTimeOffset? EarliestStated(ParsedActivity parsed)
    {
        if (parsed.ClockIsDeviceRelative)
        {
            return null;
        }

        DateTimeOffset? recorded = parsed.TimedSamples().First; // the first timed sample: where the recording starts
        List<DateTimeOffset> dates = [.. parsed.Sessions.Select(session => session.StartUtc).Append(parsed.StartUtc).Append(recorded).OfType<DateTimeOffset>()];
        return dates.Count == 0 ? null : dates.Min() < Earliest ? dates.Min() : dates.Max();
    }

    /// <summary>
    /// Totals no human produces (<see cref="HumanLimits"/>): a duration over 7 days (a session's, or from the first
    /// sample to the last), or a session whose distance over its time is faster than the sport's fastest average.
    /// The message names the figure.
    /// </summary>
    private static FileError? ImpossibleTotals(ParsedActivity parsed, string file)
    {
        TimeSpan longest = parsed.Sessions.Select(session => Max(session.ElapsedTime, session.TimerTime)).DefaultIfEmpty(TimeSpan.Zero).Max();
        (_, DateTimeOffset? first, DateTimeOffset? last) = parsed.TimedSamples();
        if (!parsed.ClockIsDeviceRelative && last - first is { } span && span > longest)
        {
            longest = span;
        }

        if (longest > HumanLimits.MaxDuration)
        {
            return Implausible(string.Create(
                CultureInfo.InvariantCulture,
                $"{file} claims a duration of {longest.TotalDays:0.#} days; one file may hold at most {HumanLimits.MaxDuration.TotalDays:0} days."));
        }

        foreach (ActivitySession session in parsed.Sessions)
        {
            if (session.DistanceMeters is not { } meters || meters <= HumanLimits.GpsNoiseMeters)
            {
                continue;
            }

            double seconds = Max(session.ElapsedTime, session.TimerTime).TotalSeconds;
            Sport sport = RecordingMapper.SportOf(session.Sport);
            double limit = HumanLimits.MaxAverageSpeedMetersPerSecond(sport == Sport.Unknown ? RecordingMapper.SportOf(parsed.Sport) : sport);
            if (meters > limit * seconds + HumanLimits.GpsNoiseMeters)
            {
                return Implausible(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{file} claims a distance of {meters / 1000:0.###} km in {seconds / 60:0.#} min ({(seconds > 0 ? meters / seconds * 3.6 : double.PositiveInfinity):0.#} km/h); "
                    + $"the fastest {RecordingMapper.Name(sport)} average is {limit * 3.6:0.#} km/h."));
            }
        }

        return null;
    }

    /// <summary>
    /// The sport sample <paramref name="index"/> is held to, walking forward (<paramref name="next"/> counts the
    /// <paramref name="sessions"/>, by first sample, that start at or before it): its session's, else the file's.
    /// </summary>
    private static Sport SportAt(ActivitySession[] sessions, ref int next, int index, Sport fileSport)
    {
        while (next < sessions.Length && sessions[next].FirstSampleIndex <= index)
        {
            next++;
        }

        ActivitySession? session = next > 0 ? sessions[next - 1] : null;
        bool inside = session is not null && index < session.FirstSampleIndex + session.SampleCount;
        return inside && session!.Sport is { } word ? RecordingMapper.SportOf(word) : fileSport; // inside: session is set
    }

    private static TimeSpan Max(TimeSpan? a, TimeSpan? b) => TimeSpan.FromTicks(Math.Max(a?.Ticks ?? 0, b?.Ticks ?? 0));

    private static FileError Implausible(string message) =>
        new("implausible", message + " Nothing was stored; if the file is genuine, tell us (docs/security.md, plausibility limits).", null);

    private static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static bool Teleports(ActivitySample previous, ActivitySample sample, double meters, double maxSpeed)
    {
        double seconds = Math.Max((sample.Time - previous.Time).TotalSeconds, 0);
        return Math.Abs(meters) > HumanLimits.GpsNoiseMeters && Math.Abs(meters) > maxSpeed * seconds + HumanLimits.GpsNoiseMeters;
    }

    private static double Haversine(ActivitySample a, ActivitySample b) =>
        Geodesy.Haversine(a.LatitudeDegrees!.Value, a.LongitudeDegrees!.Value, b.LatitudeDegrees!.Value, b.LongitudeDegrees!.Value); // HasPosition

    private static void Warn(List<FormatWarning> warnings, int count, string code, string what)
    {
        if (count > 0)
        {
            warnings.Add(new FormatWarning(code, string.Create(CultureInfo.InvariantCulture, $"{count} {what} were left out (docs/security.md, plausibility limits)."), null));
        }
    }
}
