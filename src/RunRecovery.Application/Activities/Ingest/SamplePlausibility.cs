using System.Globalization;
using RunRecovery.Formats.Model;
using RunRecovery.Scoring.Metrics;

namespace RunRecovery.Application.Activities.Ingest;

/// <summary>
/// Drops values no human produces (<see cref="HumanLimits"/>) before metrics and load are computed, with one warning
/// per kind naming how many were dropped: altitudes below −500 m or above 9,000 m; speeds above the sport's fastest;
/// positions and cumulative distances that jump further than the sport's fastest speed allows since the last kept
/// one (a "teleport"; jumps under 100 m are GPS noise and always kept). The sport is each sample's session's (a
/// triathlon's run leg is held to running's limit, its ride to cycling's), the file's where no session says. Heart
/// rates are left to the metrics (25–250 bpm, Scoring). The stored original is never changed.
/// </summary>
public static class SamplePlausibility
{
    public static ParsedActivity Clean(ParsedActivity parsed)
    {
        if (parsed.Samples.Count == 0)
        {
            return parsed;
        }

        var sports = new SessionSportCursor(parsed);
        var samples = new ActivitySample[parsed.Samples.Count];
        int altitudes = 0, speeds = 0, positions = 0, distances = 0;
        ActivitySample? lastPosition = null;
        ActivitySample? lastDistance = null;
        for (int i = 0; i < samples.Length; i++)
        {
            ActivitySample sample = parsed.Samples[i];
            double maxSpeed = sports.MaxSpeedAt(i);
            if (sample.AltitudeMeters is { } altitude && altitude is < HumanLimits.MinAltitudeMeters or > HumanLimits.MaxAltitudeMeters)
            {
                sample = sample with { AltitudeMeters = null };
                altitudes++;
            }

            if (sample.SpeedMetersPerSecond is { } speed && speed > maxSpeed)
            {
                sample = sample with { SpeedMetersPerSecond = null };
                speeds++;
                sports.Dropped();
            }

            if (sample.HasPosition && !sample.TimeMissing)
            {
                if (lastPosition is { } previous && Teleports(previous, sample, Haversine(previous, sample), maxSpeed))
                {
                    sample = sample with { LatitudeDegrees = null, LongitudeDegrees = null };
                    positions++;
                    sports.Dropped();
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
                    sports.Dropped();
                }
                else
                {
                    lastDistance = sample;
                }
            }

            samples[i] = sample;
        }

        if (altitudes + speeds + positions + distances == 0)
        {
            return parsed;
        }

        List<FormatWarning> warnings = [.. parsed.Warnings];
        string limit = sports.DroppedLimits();
        Warn(warnings, altitudes, "altitude-out-of-range", $"altitudes outside {HumanLimits.MinAltitudeMeters:0} to {HumanLimits.MaxAltitudeMeters:0} m");
        Warn(warnings, speeds, "speed-out-of-range", $"speeds above {limit}");
        Warn(warnings, positions, "position-jump", $"positions further from the previous one than {limit} allows");
        Warn(warnings, distances, "distance-jump", $"distances further from the previous one than {limit} allows");
        return new ParsedActivity
        {
            Format = parsed.Format,
            Sport = parsed.Sport,
            SubSport = parsed.SubSport,
            StartUtc = parsed.StartUtc,
            UtcOffset = parsed.UtcOffset,
            ClockIsDeviceRelative = parsed.ClockIsDeviceRelative,
            FitFileType = parsed.FitFileType,
            Device = parsed.Device,
            Samples = samples,
            Sessions = parsed.Sessions,
            Laps = parsed.Laps,
            Pauses = parsed.Pauses,
            RrIntervalsSeconds = parsed.RrIntervalsSeconds,
            DeveloperChannels = parsed.DeveloperChannels,
            UserProfile = parsed.UserProfile,
            Warnings = warnings,
            Error = parsed.Error,
            SegmentStartIndices = parsed.SegmentStartIndices,
            Name = parsed.Name,
        };
    }

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

    /// <summary>
    /// The sport each sample is held to, walking forward through the file: its session's (sessions list their first
    /// sample and count), or the file's sport outside any session or where a session's sport is unknown.
    /// </summary>
    private sealed class SessionSportCursor(ParsedActivity parsed)
    {
        private readonly ActivitySession[] _sessions = [.. parsed.Sessions.Where(s => s.SampleCount > 0).OrderBy(s => s.FirstSampleIndex)];
        private readonly SortedSet<Sport> _dropped = [];
        private int _next;
        private Sport _current = parsed.Sport;

        public double MaxSpeedAt(int index)
        {
            while (_next < _sessions.Length && _sessions[_next].FirstSampleIndex <= index)
            {
                _next++;
            }

            ActivitySession? session = _next > 0 ? _sessions[_next - 1] : null;
            bool inside = session is not null && index < session.FirstSampleIndex + session.SampleCount;
            _current = inside && session!.Sport != Sport.Unknown ? session.Sport : parsed.Sport;
            return HumanLimits.MaxSpeedMetersPerSecond(_current);
        }

        /// <summary>The sample just checked lost a value to the current sport's limit.</summary>
        public void Dropped() => _dropped.Add(_current);

        /// <summary>"12.5 m/s (the fastest running)", one per sport that dropped something ("…; 40 m/s (the fastest cycling)").</summary>
        public string DroppedLimits() => string.Join("; ", _dropped.Select(sport => string.Create(
            CultureInfo.InvariantCulture, $"{HumanLimits.MaxSpeedMetersPerSecond(sport):0.#} m/s (the fastest {sport.ToString().ToLowerInvariant()})")));
    }
}
