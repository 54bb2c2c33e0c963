using RunRecovery.Application.Errors;
using RunRecovery.Formats.Model;
using RunRecovery.Scoring.Metrics;

namespace RunRecovery.Application.Activities.Samples;

/// <summary>The stream names of <c>GET /api/activities/{id}/samples?types=…</c> and how speed is found when the file has none.</summary>
public static class SampleStreams
{
    public const string DeviceSpeed = "device";

    /// <summary>Every stream, in the order the response lists them.</summary>
    public static readonly IReadOnlyList<string> All = ["time", "heartRate", "speed", "cadence", "power", "altitude", "distance", "latlng"];

    /// <summary>The streams asked for; all of them when <paramref name="types"/> is null or blank. An unknown name is a 400.</summary>
    public static HashSet<string> Parse(string? types)
    {
        if (string.IsNullOrWhiteSpace(types))
        {
            return [.. All];
        }

        var asked = new HashSet<string>(StringComparer.Ordinal);
        var unknown = new List<string>();
        foreach (string name in types.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (All.FirstOrDefault(type => type.Equals(name, StringComparison.OrdinalIgnoreCase)) is { } known)
            {
                asked.Add(known);
            }
            else
            {
                unknown.Add(name);
            }
        }

        if (unknown.Count > 0 || asked.Count == 0)
        {
            throw new RequestValidationException(new Dictionary<string, string[]>
            {
                ["types"] = [$"Unknown stream {string.Join(", ", unknown.Select(u => $"'{u}'"))}: give a comma-separated list of {string.Join(", ", All)}."],
            });
        }

        return asked;
    }

    /// <summary>
    /// Metres along the track at each sample (null where unknown), for deriving speed, and where speed comes from:
    /// "device" when any sample has a speed, else "distance" (the file's own distances), else "positions" (geodesic
    /// sum between positions, not across a segment start), else null.
    /// </summary>
    public static (double?[] Along, string? Source) Along(ParsedActivity parsed)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        IReadOnlyList<ActivitySample> samples = parsed.Samples;
        double?[] along = new double?[samples.Count];
        if (samples.Any(sample => sample.SpeedMetersPerSecond is not null))
        {
            return (along, DeviceSpeed);
        }

        if (samples.Any(sample => sample.DistanceMeters is not null))
        {
            for (int i = 0; i < samples.Count; i++)
            {
                along[i] = samples[i].DistanceMeters;
            }

            return (along, "distance");
        }

        var segmentStarts = new HashSet<int>(parsed.SegmentStartIndices);
        double total = 0;
        int? last = null;
        for (int i = 0; i < samples.Count; i++)
        {
            if (samples[i] is not { LatitudeDegrees: { } lat, LongitudeDegrees: { } lon })
            {
                continue;
            }

            if (last is { } p && !segmentStarts.Contains(i) && samples[p] is { LatitudeDegrees: { } fromLat, LongitudeDegrees: { } fromLon })
            {
                total += Geodesy.Distance(fromLat, fromLon, lat, lon);
            }

            along[i] = total;
            last = i;
        }

        return (along, last is null ? null : "positions");
    }
}
