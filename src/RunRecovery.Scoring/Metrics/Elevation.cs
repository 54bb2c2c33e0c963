using System.Runtime.CompilerServices;

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
        var climb = new HysteresisClimb(threshold);
        foreach (double a in altitudes)
        {
            climb.Add(a);
        }

        return climb.Totals();
    }

    /// <summary><see cref="Hysteresis(IEnumerable{double}, double)"/> over a span (the metrics' own path: no enumerator, no list).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // issue 18: hot from the first call (docs/benchmarks.md)
    public static (double Ascent, double Descent) Hysteresis(ReadOnlySpan<double> altitudes, double threshold)
    {
        var climb = new HysteresisClimb(threshold);
        foreach (double a in altitudes)
        {
            climb.Add(a);
        }

        return climb.Totals();
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
        (double Seconds, double Altitude)[] source = [.. series];
        var kept = new (double Seconds, double Altitude)[source.Length];
        int count = RejectSpikes(source, kept, maxVerticalSpeed, tolerance, settle);
        return [.. kept.AsSpan(0, count)];
    }

    /// <summary>
    /// <see cref="RejectSpikes(IReadOnlyList{ValueTuple{double, double}}, double, double, double)"/> into
    /// <paramref name="kept"/> (at least as long as <paramref name="series"/>); returns how many were kept.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // issue 18: hot from the first call (docs/benchmarks.md)
    public static int RejectSpikes(
        ReadOnlySpan<(double Seconds, double Altitude)> series, Span<(double Seconds, double Altitude)> kept,
        double maxVerticalSpeed, double tolerance, double settle)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(kept.Length, series.Length, nameof(kept));
        if (series.IsEmpty)
        {
            return 0;
        }

        int count = 0;
        double last = series[0].Altitude;
        double lastSeconds = series[0].Seconds;
        int pendingFrom = -1; // index in series of the first sample of an open excursion
        kept[count++] = series[0];
        for (int i = 1; i < series.Length; i++)
        {
            (double seconds, double altitude) = series[i];

            // Against the last kept sample, over the time since then but counting no more than the sample's own
            // step: a spike that lasts must not widen the bound for the samples after it.
            double step = Math.Max(0, seconds - series[i - 1].Seconds);
            double dt = Math.Min(Math.Max(0, seconds - lastSeconds), step + 1);
            if (Math.Abs(altitude - last) <= (maxVerticalSpeed * dt) + tolerance)
            {
                pendingFrom = -1; // back to the level before: whatever was pending was a spike
                kept[count++] = series[i];
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
                    kept[count++] = series[p]; // the new level held: it was real, keep the way there too
                }

                (last, lastSeconds) = (altitude, seconds);
                pendingFrom = -1;
            }
        }

        if (pendingFrom >= 0 && series[^1].Seconds - series[pendingFrom].Seconds >= settle)
        {
            for (int p = pendingFrom; p < series.Length; p++)
            {
                kept[count++] = series[p];
            }
        }

        return count;
    }

    /// <summary>
    /// Centred moving average over ±<paramref name="halfWindowSeconds"/> of time (not of samples, so 1 Hz and
    /// smart-recording files are smoothed alike). It takes out the barometer's 0.2–1 m flicker that a 3 m threshold
    /// alone still counts on long runs (docs/metrics.md, "Smoothing"). Linear time: two pointers over the series.
    /// </summary>
    public static List<double> Smooth(IReadOnlyList<(double Seconds, double Altitude)> series, double halfWindowSeconds)
    {
        ArgumentNullException.ThrowIfNull(series);
        var smoothed = new double[series.Count];
        Smooth([.. series], smoothed, halfWindowSeconds);
        return [.. smoothed];
    }

    /// <summary><see cref="Smooth(IReadOnlyList{ValueTuple{double, double}}, double)"/> into <paramref name="smoothed"/> (as long as the series).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // issue 18: hot from the first call (docs/benchmarks.md)
    public static void Smooth(ReadOnlySpan<(double Seconds, double Altitude)> series, Span<double> smoothed, double halfWindowSeconds)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(smoothed.Length, series.Length, nameof(smoothed));
        int lo = 0, hi = 0;
        double sum = 0;
        for (int i = 0; i < series.Length; i++)
        {
            double t = series[i].Seconds;
            while (hi < series.Length && series[hi].Seconds <= t + halfWindowSeconds)
            {
                sum += series[hi].Altitude;
                hi++;
            }

            while (lo < i && series[lo].Seconds < t - halfWindowSeconds)
            {
                sum -= series[lo].Altitude;
                lo++;
            }

            smoothed[i] = sum / (hi - lo);
        }
    }

    /// <summary>Every rise and every fall between consecutive altitudes, unsmoothed.</summary>
    public static (double Ascent, double Descent) Raw(IEnumerable<double> altitudes)
    {
        ArgumentNullException.ThrowIfNull(altitudes);
        var sum = default(RawSum);
        foreach (double a in altitudes)
        {
            sum.Add(a);
        }

        return (sum.Ascent, sum.Descent);
    }

    /// <summary><see cref="Raw(IEnumerable{double})"/> over the altitudes of a (seconds, altitude) series.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // issue 18: hot from the first call (docs/benchmarks.md)
    public static (double Ascent, double Descent) Raw(ReadOnlySpan<(double Seconds, double Altitude)> series)
    {
        var sum = default(RawSum);
        foreach ((double _, double a) in series)
        {
            sum.Add(a);
        }

        return (sum.Ascent, sum.Descent);
    }

    private struct RawSum
    {
        private bool _started;
        private double _previous;

        public double Ascent { get; private set; }

        public double Descent { get; private set; }

        public void Add(double a)
        {
            if (_started)
            {
                if (a > _previous)
                {
                    Ascent += a - _previous;
                }
                else
                {
                    Descent += _previous - a;
                }
            }

            _previous = a;
            _started = true;
        }
    }

    /// <summary>The turning-point state machine of <see cref="Hysteresis(IEnumerable{double}, double)"/>, fed one altitude at a time.</summary>
    private struct HysteresisClimb(double threshold)
    {
        private double _ascent, _descent;
        private int _direction; // 0 undetermined, +1 climbing, −1 descending
        private double _lo, _hi, _basis, _extreme;
        private bool _started;

        public void Add(double a)
        {
            if (!_started)
            {
                _lo = _hi = a;
                _started = true;
                return;
            }

            switch (_direction)
            {
                case 0:
                    if (a > _hi)
                    {
                        _hi = a;
                        if (_hi - _lo > threshold)
                        {
                            _direction = 1;
                            _basis = _lo;
                            _extreme = _hi;
                        }
                    }
                    else if (a < _lo)
                    {
                        _lo = a;
                        if (_hi - _lo > threshold)
                        {
                            _direction = -1;
                            _basis = _hi;
                            _extreme = _lo;
                        }
                    }

                    break;
                case 1:
                    if (a > _extreme)
                    {
                        _extreme = a;
                    }
                    else if (_extreme - a > threshold)
                    {
                        _ascent += _extreme - _basis;
                        _basis = _extreme;
                        _extreme = a;
                        _direction = -1;
                    }

                    break;
                default:
                    if (a < _extreme)
                    {
                        _extreme = a;
                    }
                    else if (a - _extreme > threshold)
                    {
                        _descent += _basis - _extreme;
                        _basis = _extreme;
                        _extreme = a;
                        _direction = 1;
                    }

                    break;
            }
        }

        public readonly (double Ascent, double Descent) Totals() => _direction switch
        {
            1 => (_ascent + (_extreme - _basis), _descent),
            -1 => (_ascent, _descent + (_basis - _extreme)),
            _ => (_ascent, _descent),
        };
    }
}
