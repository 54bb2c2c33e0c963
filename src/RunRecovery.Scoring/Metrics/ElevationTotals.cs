using RunRecovery.Scoring.Recordings;

namespace RunRecovery.Scoring.Metrics;

/// <summary>
/// Ascent and descent of a range of samples (docs/metrics.md, "Elevation"): altitude spikes rejected (when the clock
/// advances), the rest smoothed and summed with hysteresis; the device's stated session totals win when every session
/// has them. <see cref="RawAscent"/>/<see cref="RawDescent"/> are the unsmoothed sums, for transparency.
/// </summary>
internal sealed record ElevationTotals(
    double? Ascent, double? Descent, double? RawAscent, double? RawDescent, string? Source, bool AllZero)
{
    public static ElevationTotals Measure(
        ReadOnlySpan<RecordedSample> samples, int first, int count, IReadOnlyList<RecordedSession> sessions, MetricsOptions options, List<MetricsWarning> warnings)
    {
        var timedAltitudes = new List<(double Seconds, double Altitude)>(count);
        bool untimed = false;
        for (int i = first; i < first + count; i++)
        {
            if (samples[i].AltitudeMeters is { } alt)
            {
                untimed |= samples[i].TimeMissing;
                timedAltitudes.Add(((samples[i].Time - samples[first].Time).TotalSeconds, alt));
            }
        }

        untimed |= !TimeAdvances(timedAltitudes);
        List<(double Seconds, double Altitude)> kept = untimed
            ? timedAltitudes
            : Elevation.RejectSpikes(
                timedAltitudes, options.MaxVerticalSpeedMetersPerSecond, options.SpikeToleranceMeters, options.SpikeSettleSeconds);
        if (kept.Count < timedAltitudes.Count)
        {
            warnings.Add(new MetricsWarning(
                "elevation-spikes",
                $"{timedAltitudes.Count - kept.Count} altitude samples changed faster than a runner can climb and were left out."));
        }

        List<double> altitudes = untimed || options.ElevationSmoothingSeconds <= 0
            ? kept.ConvertAll(p => p.Altitude)
            : Elevation.Smooth(kept, options.ElevationSmoothingSeconds);

        bool allZero = altitudes.Count > 0 && altitudes.TrueForAll(a => a == 0);
        if (allZero)
        {
            warnings.Add(new MetricsWarning("elevation-all-zero", "Every altitude in the file is 0: treated as missing."));
            altitudes.Clear();
        }

        double? sessionAscent = MetricsCalculator.SumDouble(sessions, s => s.AscentMeters);
        double? sessionDescent = MetricsCalculator.SumDouble(sessions, s => s.DescentMeters);
        double? ascent = null, descent = null, rawAscent = null, rawDescent = null;
        string? elevationSource = null;
        if (altitudes.Count >= 2)
        {
            (double up, double down) = Elevation.Hysteresis(altitudes, options.ElevationHysteresisMeters);
            (double rawUp, double rawDown) = Elevation.Raw(timedAltitudes.ConvertAll(p => p.Altitude));
            (ascent, descent, rawAscent, rawDescent, elevationSource) = (up, down, rawUp, rawDown, "samples");
        }

        if (sessionAscent is not null)
        {
            (ascent, descent, elevationSource) = (sessionAscent, sessionDescent ?? descent, "device");
        }

        return new ElevationTotals(ascent, descent, rawAscent, rawDescent, elevationSource, allZero);
    }

    /// <summary>
    /// A speed bound needs a clock: files whose points all carry one bogus time (Mojstrovka.gpx: every point at
    /// 1901-12-13T20:45:52Z) or run backwards often are treated as untimed for the elevation spike filter.
    /// </summary>
    private static bool TimeAdvances(List<(double Seconds, double Altitude)> series)
    {
        int stalled = 0;
        for (int i = 1; i < series.Count; i++)
        {
            if (series[i].Seconds <= series[i - 1].Seconds)
            {
                stalled++;
            }
        }

        return series.Count < 2 || stalled * 10 < series.Count;
    }
}
