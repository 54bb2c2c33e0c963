using System.Runtime.CompilerServices;
using RunRecovery.Scoring.Recordings;

namespace RunRecovery.Scoring.Metrics;

/// <summary>
/// Splits of <c>splitMeters</c> (a kilometre, or a mile: <see cref="MetricsOptions.SplitMeters"/>) along the
/// cumulative distance (the device's distance channel when the file has one, else the stop-corrected geodesic
/// distance); the time a boundary is crossed is interpolated between samples. Pace is per kilometre either way.
/// </summary>
internal static class Splits
{
    /// <summary>No run is longer; a GPS glitch to the far side of the planet must not produce millions of splits.</summary>
    public const int MaxSplits = 2000;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // issue 18: hot from the first call (docs/benchmarks.md)
    public static IReadOnlyList<KilometreSplit> ByDistance(
        RecordedSeries samples, int first, int count, Movement movement, bool useRecordDistance, bool altitudesAreZero,
        double splitMeters)
    {
        if (!(splitMeters >= 100))
        {
            throw new ArgumentOutOfRangeException(nameof(splitMeters), splitMeters, "A split is at least 100 m.");
        }

        var result = new List<KilometreSplit>();
        double offset = 0;
        double? previousRecord = null;
        double cumulative = 0;
        double splitStartMeters = 0;
        double? splitStartTime = null;
        double moving = 0;
        long hrSum = 0;
        int hrCount = 0;
        double? splitStartAltitude = null;
        double? lastAltitude = null;
        double? previousTime = null;
        double previousCumulative = 0;

        SampleColumn<double> distances = samples.DistanceMeters, altitudes = samples.AltitudeMeters;
        SampleColumn<int> heartRates = samples.HeartRateBpm;
        for (int k = 0; k < count; k++)
        {
            int s = first + k;
            if (useRecordDistance)
            {
                if (distances.Has(s) && distances[s] is var d)
                {
                    if (previousRecord is { } p && d > p)
                    {
                        offset += d - p;
                    }

                    previousRecord = d;
                }

                cumulative = offset;
            }
            else
            {
                cumulative = movement.CumulativeMeters[k];
            }

            if (!samples.Timed(s))
            {
                continue;
            }

            // Times that go backwards (seen in real files) must not make a split negative: the clock only advances.
            double t = previousTime is { } last ? Math.Max(last, samples.Seconds(s)) : samples.Seconds(s);
            splitStartTime ??= t;
            if (!altitudesAreZero && altitudes.Has(s) && altitudes[s] is var alt)
            {
                splitStartAltitude ??= alt;
                lastAltitude = alt;
            }

            moving += movement.MovingSeconds[k];
            if (heartRates.Has(s) && heartRates[s] is var hr)
            {
                hrSum += hr;
                hrCount++;
            }

            while (cumulative - splitStartMeters >= splitMeters && previousTime is { } pt && result.Count < MaxSplits)
            {
                double boundary = splitStartMeters + splitMeters;
                double share = cumulative > previousCumulative ? (boundary - previousCumulative) / (cumulative - previousCumulative) : 1;
                double crossing = pt + (Math.Clamp(share, 0, 1) * (t - pt));
                double elapsed = crossing - splitStartTime.Value;
                double splitMoving = Math.Min(moving, elapsed);
                result.Add(new KilometreSplit(
                    result.Count + 1,
                    splitMeters,
                    TimeSpan.FromSeconds(elapsed),
                    TimeSpan.FromSeconds(splitMoving),
                    splitMoving > 0 ? splitMoving / (splitMeters / 1000) : null,
                    hrCount > 0 ? (int)Math.Round((double)hrSum / hrCount) : null,
                    lastAltitude - splitStartAltitude));
                moving -= splitMoving;
                splitStartMeters = boundary;
                splitStartTime = crossing;
                splitStartAltitude = lastAltitude;
                hrSum = 0;
                hrCount = 0;
            }

            previousTime = t;
            previousCumulative = cumulative;
        }

        double rest = cumulative - splitStartMeters;
        if (rest >= 1 && rest < splitMeters && previousTime is { } end && splitStartTime is { } from)
        {
            double elapsed = end - from;
            double splitMoving = Math.Min(moving, elapsed);
            result.Add(new KilometreSplit(
                result.Count + 1,
                rest,
                TimeSpan.FromSeconds(elapsed),
                TimeSpan.FromSeconds(splitMoving),
                splitMoving > 0 ? splitMoving / (rest / 1000) : null,
                hrCount > 0 ? (int)Math.Round((double)hrSum / hrCount) : null,
                lastAltitude - splitStartAltitude));
        }

        return result;
    }
}
