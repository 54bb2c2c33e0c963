namespace RunRecovery.Scoring.Metrics;

/// <summary>
/// Elevation gain and loss from a sequence of altitudes (docs/metrics.md, "Elevation").
/// <see cref="Hysteresis"/> keeps only turning points whose swing exceeds the threshold, as Runalyze's
/// threshold method (ε = 3 m) does, and counts each kept climb in full from valley to peak, so a clean 50 m hill
/// gives 50 m (GoldenCheetah's moving-reference variant loses up to the threshold at each top).
/// </summary>
public static class Elevation
{
    public static (double Ascent, double Descent) Hysteresis(IEnumerable<double> altitudes, double threshold)
    {
        ArgumentNullException.ThrowIfNull(altitudes);
        double ascent = 0, descent = 0;
        int direction = 0; // 0 undetermined, +1 climbing, −1 descending
        double lo = 0, hi = 0, basis = 0, extreme = 0;
        bool first = true;
        foreach (double a in altitudes)
        {
            if (first)
            {
                lo = hi = a;
                first = false;
                continue;
            }

            switch (direction)
            {
                case 0:
                    if (a > hi)
                    {
                        hi = a;
                        if (hi - lo > threshold)
                        {
                            direction = 1;
                            basis = lo;
                            extreme = hi;
                        }
                    }
                    else if (a < lo)
                    {
                        lo = a;
                        if (hi - lo > threshold)
                        {
                            direction = -1;
                            basis = hi;
                            extreme = lo;
                        }
                    }

                    break;
                case 1:
                    if (a > extreme)
                    {
                        extreme = a;
                    }
                    else if (extreme - a > threshold)
                    {
                        ascent += extreme - basis;
                        basis = extreme;
                        extreme = a;
                        direction = -1;
                    }

                    break;
                default:
                    if (a < extreme)
                    {
                        extreme = a;
                    }
                    else if (a - extreme > threshold)
                    {
                        descent += basis - extreme;
                        basis = extreme;
                        extreme = a;
                        direction = 1;
                    }

                    break;
            }
        }

        if (direction == 1)
        {
            ascent += extreme - basis;
        }
        else if (direction == -1)
        {
            descent += basis - extreme;
        }

        return (ascent, descent);
    }

    /// <summary>
    /// Drops short altitude excursions that no runner can produce: a sample more than
    /// <paramref name="maxVerticalSpeed"/> (m/s) × the time since the previous sample + <paramref name="tolerance"/> (m)
    /// away from the last kept altitude starts an excursion; if the series comes back within the bound before
    /// <paramref name="settle"/> seconds have passed, the excursion was a spike (a barometer or GPS glitch, e.g.
    /// 55 → 142 → 56 m within 4 s at the start of activity-small-fenix2-run.fit) and is dropped. A new level that
    /// lasts is real (2019-09-14-17-22-05.fit climbs 13 m in 3 s after a recording gap, and the watch's own total
    /// counts it): its samples are kept. Untimed samples pass unchanged.
    /// </summary>
    public static List<(double Seconds, double Altitude)> RejectSpikes(
        IReadOnlyList<(double Seconds, double Altitude)> series, double maxVerticalSpeed, double tolerance, double settle)
    {
        ArgumentNullException.ThrowIfNull(series);
        var kept = new List<(double Seconds, double Altitude)>(series.Count);
        if (series.Count == 0)
        {
            return kept;
        }

        double last = series[0].Altitude;
        double lastSeconds = series[0].Seconds;
        int pendingFrom = -1; // index in series of the first sample of an open excursion
        kept.Add(series[0]);
        for (int i = 1; i < series.Count; i++)
        {
            (double seconds, double altitude) = series[i];

            // Against the last kept sample, over the time since then but counting no more than the sample's own
            // step: a spike that lasts must not widen the bound for the samples after it.
            double step = Math.Max(0, seconds - series[i - 1].Seconds);
            double dt = Math.Min(Math.Max(0, seconds - lastSeconds), step + 1);
            if (Math.Abs(altitude - last) <= (maxVerticalSpeed * dt) + tolerance)
            {
                pendingFrom = -1; // back to the level before: whatever was pending was a spike
                kept.Add(series[i]);
                (last, lastSeconds) = (altitude, seconds);
                continue;
            }

            if (pendingFrom < 0)
            {
                pendingFrom = i;
            }
            else if (seconds - series[pendingFrom].Seconds >= settle)
            {
                for (int p = pendingFrom; p <= i; p++)
                {
                    kept.Add(series[p]); // the new level held: it was real, keep the way there too
                }

                (last, lastSeconds) = (altitude, seconds);
                pendingFrom = -1;
            }
        }

        if (pendingFrom >= 0 && series[^1].Seconds - series[pendingFrom].Seconds >= settle)
        {
            for (int p = pendingFrom; p < series.Count; p++)
            {
                kept.Add(series[p]);
            }
        }

        return kept;
    }

    /// <summary>
    /// Centred moving average over ±<paramref name="halfWindowSeconds"/> of time (not of samples, so 1 Hz and
    /// smart-recording files are smoothed alike). It takes out the barometer's 0.2–1 m flicker that a 3 m threshold
    /// alone still counts on long runs (docs/metrics.md, "Smoothing"). Linear time: two pointers over the series.
    /// </summary>
    public static List<double> Smooth(IReadOnlyList<(double Seconds, double Altitude)> series, double halfWindowSeconds)
    {
        ArgumentNullException.ThrowIfNull(series);
        var smoothed = new List<double>(series.Count);
        int lo = 0, hi = 0;
        double sum = 0;
        for (int i = 0; i < series.Count; i++)
        {
            double t = series[i].Seconds;
            while (hi < series.Count && series[hi].Seconds <= t + halfWindowSeconds)
            {
                sum += series[hi].Altitude;
                hi++;
            }

            while (lo < i && series[lo].Seconds < t - halfWindowSeconds)
            {
                sum -= series[lo].Altitude;
                lo++;
            }

            smoothed.Add(sum / (hi - lo));
        }

        return smoothed;
    }

    /// <summary>Every rise and every fall between consecutive altitudes, unsmoothed.</summary>
    public static (double Ascent, double Descent) Raw(IEnumerable<double> altitudes)
    {
        ArgumentNullException.ThrowIfNull(altitudes);
        double ascent = 0, descent = 0;
        double? previous = null;
        foreach (double a in altitudes)
        {
            if (previous is { } p)
            {
                if (a > p)
                {
                    ascent += a - p;
                }
                else
                {
                    descent += p - a;
                }
            }

            previous = a;
        }

        return (ascent, descent);
    }
}
