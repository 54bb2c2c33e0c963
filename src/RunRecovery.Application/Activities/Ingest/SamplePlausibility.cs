using System.Globalization;
using RunRecovery.Formats.Model;
using RunRecovery.Scoring.Metrics;

namespace RunRecovery.Application.Activities.Ingest;

/// <summary>
/// Drops values no human produces (<see cref="HumanLimits"/>) before metrics and load are computed, with one warning
/// per kind naming how many were dropped: altitudes below −500 m or above 9,000 m; speeds above the sport's fastest;
/// positions and cumulative distances that jump further than the sport's fastest speed allows since the last kept
/// one (a "teleport"; jumps under 100 m are GPS noise and always kept). Heart rates are left to the metrics
/// (25–250 bpm, Scoring). The stored original is never changed.
/// </summary>
public static class SamplePlausibility
{
    public static ParsedActivity Clean(ParsedActivity parsed)
    {
        if (parsed.Samples.Count == 0)
        {
            return parsed;
        }

        double maxSpeed = HumanLimits.MaxSpeedMetersPerSecond(parsed.Sport);
        var samples = new ActivitySample[parsed.Samples.Count];
        int altitudes = 0, speeds = 0, positions = 0, distances = 0;
        ActivitySample? lastPosition = null;
        ActivitySample? lastDistance = null;
        for (int i = 0; i < samples.Length; i++)
        {
            ActivitySample sample = parsed.Samples[i];
            if (sample.AltitudeMeters is { } altitude && altitude is < HumanLimits.MinAltitudeMeters or > HumanLimits.MaxAltitudeMeters)
            {
                sample = sample with { AltitudeMeters = null };
                altitudes++;
            }

            if (sample.SpeedMetersPerSecond is { } speed && speed > maxSpeed)
            {
                sample = sample with { SpeedMetersPerSecond = null };
                speeds++;
            }

            if (sample.HasPosition && !sample.TimeMissing)
            {
                if (lastPosition is { } previous && Teleports(previous, sample, Haversine(previous, sample), maxSpeed))
                {
                    sample = sample with { LatitudeDegrees = null, LongitudeDegrees = null };
                    positions++;
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
        string sport = parsed.Sport.ToString().ToLowerInvariant();
        Warn(warnings, altitudes, "altitude-out-of-range", $"altitudes outside {HumanLimits.MinAltitudeMeters:0} to {HumanLimits.MaxAltitudeMeters:0} m");
        Warn(warnings, speeds, "speed-out-of-range", $"speeds above {maxSpeed:0.#} m/s (the fastest {sport})");
        Warn(warnings, positions, "position-jump", $"positions further from the previous one than {maxSpeed:0.#} m/s (the fastest {sport}) allows");
        Warn(warnings, distances, "distance-jump", $"distances further from the previous one than {maxSpeed:0.#} m/s (the fastest {sport}) allows");
        return parsed with { Samples = samples, Warnings = warnings };
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
}
