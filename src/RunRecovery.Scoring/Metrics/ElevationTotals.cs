using System.Buffers;
using System.Runtime.CompilerServices;
using RunRecovery.Scoring.Recordings;

namespace RunRecovery.Scoring.Metrics;

/// <summary>
/// Ascent and descent of a range of samples (docs/metrics.md, "Elevation"): altitude spikes rejected (when the clock
/// advances), the rest smoothed and summed with hysteresis; the device's stated totals win when it states them
/// (<see cref="DeviceTotals.Across"/>: for several sessions, when every session does). <see cref="RawAscent"/>/<see cref="RawDescent"/> are the unsmoothed sums, for transparency.
/// </summary>
internal sealed record ElevationTotals(
    double? Ascent, double? Descent, double? RawAscent, double? RawDescent, string? Source, bool AllZero)
{
    public static ElevationTotals Measure(
        RecordedSeries samples, int first, int count, DeviceTotals stated, MetricsOptions options, List<MetricsWarning> warnings)
    {
        // Three pooled buffers instead of five lists per file (issue 18): the timed altitudes, those kept after
        // spike rejection, and the altitudes that are summed (smoothed or as kept).
        (double Seconds, double Altitude)[] seriesBuffer = ArrayPool<(double Seconds, double Altitude)>.Shared.Rent(count);
        (double Seconds, double Altitude)[] keptBuffer = ArrayPool<(double Seconds, double Altitude)>.Shared.Rent(count);
        double[] altitudeBuffer = ArrayPool<double>.Shared.Rent(count);
        try
        {
            return Measure(samples, first, count, stated, options, warnings, seriesBuffer, keptBuffer, altitudeBuffer);
        }
        finally
        {
            ArrayPool<(double Seconds, double Altitude)>.Shared.Return(seriesBuffer);
            ArrayPool<(double Seconds, double Altitude)>.Shared.Return(keptBuffer);
            ArrayPool<double>.Shared.Return(altitudeBuffer);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // issue 18: hot from the first call (docs/benchmarks.md)
    private static ElevationTotals Measure(
        RecordedSeries samples, int first, int count, DeviceTotals stated, MetricsOptions options, List<MetricsWarning> warnings,
        (double Seconds, double Altitude)[] seriesBuffer, (double Seconds, double Altitude)[] keptBuffer, double[] altitudeBuffer)
    {
        int timed = 0;
        bool untimed = false;
        SampleColumn<double> recorded = samples.AltitudeMeters;
        SampleColumn<DateTimeOffset> times = samples.Time;
        for (int i = first; i < first + count; i++)
        {
            if (recorded.Has(i))
            {
                untimed |= !times.Has(i);
                seriesBuffer[timed++] = ((times[i] - times[first]).TotalSeconds, recorded[i]);
            }
        }

        ReadOnlySpan<(double Seconds, double Altitude)> timedAltitudes = seriesBuffer.AsSpan(0, timed);
        untimed |= !TimeAdvances(timedAltitudes);
        ReadOnlySpan<(double Seconds, double Altitude)> kept = untimed
            ? timedAltitudes
            : keptBuffer.AsSpan(0, Elevation.RejectSpikes(
                timedAltitudes, keptBuffer, options.MaxVerticalSpeedMetersPerSecond, options.SpikeToleranceMeters, options.SpikeSettleSeconds));
        if (kept.Length < timedAltitudes.Length)
        {
            warnings.Add(new MetricsWarning(
                "elevation-spikes",
                $"{timedAltitudes.Length - kept.Length} altitude samples changed faster than a runner can climb and were left out."));
        }

        Span<double> altitudes = altitudeBuffer.AsSpan(0, kept.Length);
        if (untimed || options.ElevationSmoothingSeconds <= 0)
        {
            for (int i = 0; i < kept.Length; i++)
            {
                altitudes[i] = kept[i].Altitude;
            }
        }
        else
        {
            Elevation.Smooth(kept, altitudes, options.ElevationSmoothingSeconds);
        }

        bool allZero = !altitudes.IsEmpty && AreAllZero(altitudes);
        if (allZero)
        {
            warnings.Add(new MetricsWarning("elevation-all-zero", "Every altitude in the file is 0: treated as missing."));
            altitudes = [];
        }

        double? sessionAscent = stated.AscentMeters;
        double? sessionDescent = stated.DescentMeters;
        double? ascent = null, descent = null, rawAscent = null, rawDescent = null;
        string? elevationSource = null;
        if (altitudes.Length >= 2)
        {
            (double up, double down) = Elevation.Hysteresis(altitudes, options.ElevationHysteresisMeters);
            (double rawUp, double rawDown) = Elevation.Raw(timedAltitudes);
            (ascent, descent, rawAscent, rawDescent, elevationSource) = (up, down, rawUp, rawDown, "samples");
        }

        if (sessionAscent is not null)
        {
            (ascent, descent, elevationSource) = (sessionAscent, sessionDescent ?? descent, "device");
        }

        return new ElevationTotals(ascent, descent, rawAscent, rawDescent, elevationSource, allZero);
    }

    /// <summary>Every value == 0 (−0 included, as the list test before it counted).</summary>
    private static bool AreAllZero(ReadOnlySpan<double> altitudes)
    {
        foreach (double a in altitudes)
        {
            if (a != 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// A speed bound needs a clock: files whose points all carry one bogus time (Mojstrovka.gpx: every point at
    /// 1901-12-13T20:45:52Z) or run backwards often are treated as untimed for the elevation spike filter.
    /// </summary>
    private static bool TimeAdvances(ReadOnlySpan<(double Seconds, double Altitude)> series)
    {
        int stalled = 0;
        for (int i = 1; i < series.Length; i++)
        {
            if (series[i].Seconds <= series[i - 1].Seconds)
            {
                stalled++;
            }
        }

        return series.Length < 2 || stalled * 10 < series.Length;
    }
}
