using RunRecovery.Formats.Model;

namespace RunRecovery.Scoring.Metrics;

/// <summary>
/// Geodesic distance and stop detection over a range of samples (docs/metrics.md, "Distance" and "Moving time").
/// A stop is a run of samples that stay within <see cref="MetricsOptions.StopRadiusMeters"/> of their running
/// centroid for at least <see cref="MetricsOptions.MinStopDuration"/> while drifting slower than
/// <see cref="MetricsOptions.MaxStopDriftMetersPerSecond"/> from first to last point (stay-point detection). Inside a stop the
/// jittering path is replaced by entry → centroid → exit, and its time counts as stopped except the time the
/// runner needed to walk in and out at the speed seen just before and after. Long sparse steps slower than
/// <see cref="MetricsOptions.PauseSpeedMetersPerSecond"/> (auto-pause gaps) are pauses too.
/// </summary>
internal sealed class Movement
{
    private const int MaxFailedClusterPoints = 256;

    private Movement(int count)
    {
        StepMeters = new double[count];
        MovingSeconds = new double[count];
        CumulativeMeters = new double[count];
    }

    /// <summary>Geodesic metres from the previous positioned sample (same segment) to this one, stops corrected.</summary>
    public double[] StepMeters { get; }

    /// <summary>Moving seconds of the step from the previous timed sample (same segment) to this one.</summary>
    public double[] MovingSeconds { get; }

    public double[] CumulativeMeters { get; }

    public double? GeodesicMeters { get; private set; }

    public TimeSpan? MovingTime { get; private set; }

    public int Stops { get; private set; }

    public static Movement Analyse(ReadOnlySpan<ActivitySample> samples, int first, int count, ISet<int> segmentStarts, MetricsOptions options)
    {
        var result = new Movement(count);
        int positioned = 0;
        int lastPos = -1;
        for (int k = 0; k < count; k++)
        {
            int i = first + k;
            if (segmentStarts.Contains(i))
            {
                lastPos = -1;
            }

            ref readonly ActivitySample s = ref samples[i];
            if (!s.HasPosition)
            {
                continue;
            }

            positioned++;
            if (lastPos >= 0)
            {
                ref readonly ActivitySample p = ref samples[first + lastPos];
                result.StepMeters[k] = Geodesy.Distance(p.LatitudeDegrees!.Value, p.LongitudeDegrees!.Value, s.LatitudeDegrees!.Value, s.LongitudeDegrees!.Value);
            }

            lastPos = k;
        }

        List<(double Start, double End)> stopped = positioned >= 2
            ? result.DetectStops(samples, first, count, segmentStarts, options)
            : [];

        result.MeasureMovingTime(samples, first, count, segmentStarts, stopped, options);

        double total = 0;
        for (int k = 0; k < count; k++)
        {
            total += result.StepMeters[k];
            result.CumulativeMeters[k] = total;
        }

        result.GeodesicMeters = positioned >= 2 ? total : null;
        result.Stops = stopped.Count;
        return result;
    }

    /// <summary>Finds stops; corrects <see cref="StepMeters"/> inside them; returns the stopped time intervals (seconds since the epoch).</summary>
    private List<(double Start, double End)> DetectStops(
        ReadOnlySpan<ActivitySample> samples, int first, int count, ISet<int> segmentStarts, MetricsOptions options)
    {
        // Positioned, timed samples: offsets into the range, with a segment number.
        var points = new List<int>(count);
        var segment = new List<int>(count);
        int seg = 0;
        for (int k = 0; k < count; k++)
        {
            if (k > 0 && segmentStarts.Contains(first + k))
            {
                seg++;
            }

            ref readonly ActivitySample s = ref samples[first + k];
            if (s.HasPosition && !s.TimeMissing)
            {
                points.Add(k);
                segment.Add(seg);
            }
        }

        var intervals = new List<(double Start, double End)>();
        double radius = options.StopRadiusMeters;
        double minStop = options.MinStopDuration.TotalSeconds;
        int a = 0;
        while (a < points.Count)
        {
            ref readonly ActivitySample start = ref samples[first + points[a]];
            double sumLat = start.LatitudeDegrees!.Value, sumLon = start.LongitudeDegrees!.Value;
            int n = 1;
            int b = a + 1;

            // Membership is a 10 m-scale threshold: a local plane (metres per degree at this latitude) is plenty
            // and costs a few multiplications instead of the ellipsoid formula.
            double metresPerDegreeLat = 111_132.954 - (559.822 * Math.Cos(2 * sumLat * Math.PI / 180));
            double metresPerDegreeLon = 111_412.84 * Math.Cos(sumLat * Math.PI / 180);
            double radiusSquared = radius * radius;
            while (b < points.Count && segment[b] == segment[a])
            {
                ref readonly ActivitySample s = ref samples[first + points[b]];
                double north = (s.LatitudeDegrees!.Value - (sumLat / n)) * metresPerDegreeLat;
                double east = (s.LongitudeDegrees!.Value - (sumLon / n)) * metresPerDegreeLon;
                if ((north * north) + (east * east) > radiusSquared)
                {
                    break;
                }

                sumLat += s.LatitudeDegrees!.Value;
                sumLon += s.LongitudeDegrees!.Value;
                n++;
                b++;
            }

            int last = b - 1;
            ref readonly ActivitySample lastSample = ref samples[first + points[last]];
            double duration = Seconds(lastSample) - Seconds(start);

            // The centroid lags behind someone walking slowly in a straight line, so the cluster alone would
            // call a 1 m/s walk a stop: the net drift from first to last point must be slow as well.
            if (duration < minStop && last - a > MaxFailedClusterPoints)
            {
                // Many points and no time passing (duplicate or sub-second stamps): not a stop, and restarting
                // from a + 1 would make this quadratic on hostile input.
                a = b;
                continue;
            }

            if (last == a || duration < minStop
                || Geodesy.Distance(start.LatitudeDegrees!.Value, start.LongitudeDegrees!.Value, lastSample.LatitudeDegrees!.Value, lastSample.LongitudeDegrees!.Value)
                    > options.MaxStopDriftMetersPerSecond * duration)
            {
                a++;
                continue;
            }

            double cLat = sumLat / n, cLon = sumLon / n;
            ref readonly ActivitySample end = ref samples[first + points[last]];
            double inMeters = Geodesy.Distance(start.LatitudeDegrees!.Value, start.LongitudeDegrees!.Value, cLat, cLon);
            double outMeters = Geodesy.Distance(cLat, cLon, end.LatitudeDegrees!.Value, end.LongitudeDegrees!.Value);

            // The jittering path inside the stop is replaced by entry → centroid → exit.
            for (int q = a + 1; q <= last; q++)
            {
                StepMeters[points[q]] = 0;
            }

            StepMeters[points[last]] = inMeters + outMeters;

            double vIn = Speed(samples, first, points, segment, a, -1);
            double vOut = Speed(samples, first, points, segment, last, +1);
            double creditIn = vIn > options.PauseSpeedMetersPerSecond ? inMeters / vIn : 0;
            double creditOut = vOut > options.PauseSpeedMetersPerSecond ? outMeters / vOut : 0;
            double stopStart = Seconds(start) + creditIn;
            double stopEnd = Seconds(end) - creditOut;
            if (stopEnd > stopStart)
            {
                intervals.Add((stopStart, stopEnd));
            }

            a = b;
        }

        return intervals;
    }

    /// <summary>Average speed over up to 10 s (and 10 points) just before (<paramref name="direction"/> −1) or after (+1) point <paramref name="at"/>.</summary>
    private static double Speed(ReadOnlySpan<ActivitySample> samples, int first, List<int> points, List<int> segment, int at, int direction)
    {
        double meters = 0;
        double t0 = Seconds(samples[first + points[at]]);
        double seconds = 0;
        int q = at;
        for (int steps = 0; steps < 10; steps++)
        {
            int next = q + direction;
            if (next < 0 || next >= points.Count || segment[next] != segment[at])
            {
                break;
            }

            ref readonly ActivitySample x = ref samples[first + points[q]];
            ref readonly ActivitySample y = ref samples[first + points[next]];
            meters += Geodesy.Distance(x.LatitudeDegrees!.Value, x.LongitudeDegrees!.Value, y.LatitudeDegrees!.Value, y.LongitudeDegrees!.Value);
            seconds = Math.Abs(Seconds(y) - t0);
            q = next;
            if (seconds >= 10)
            {
                break;
            }
        }

        return seconds > 0 ? meters / seconds : 0;
    }

    private void MeasureMovingTime(
        ReadOnlySpan<ActivitySample> samples, int first, int count, ISet<int> segmentStarts, List<(double Start, double End)> stopped, MetricsOptions options)
    {
        double sparse = options.SparseStepDuration.TotalSeconds;
        double total = 0;
        bool any = false;
        int previous = -1;
        int previousPositioned = -1;
        int stop = 0;
        for (int k = 0; k < count; k++)
        {
            int i = first + k;
            if (segmentStarts.Contains(i))
            {
                previous = -1;
                previousPositioned = -1;
            }

            ref readonly ActivitySample s = ref samples[i];
            if (s.TimeMissing)
            {
                continue;
            }

            if (previous >= 0)
            {
                ref readonly ActivitySample p = ref samples[first + previous];
                double t1 = Seconds(p), t2 = Seconds(s);
                double dt = Math.Max(0, t2 - t1);
                double moving = dt;

                // Subtract the part of the step inside stops.
                while (stop < stopped.Count && stopped[stop].End <= t1)
                {
                    stop++;
                }

                for (int x = stop; x < stopped.Count && stopped[x].Start < t2; x++)
                {
                    moving -= Math.Max(0, Math.Min(t2, stopped[x].End) - Math.Max(t1, stopped[x].Start));
                }

                if (dt >= sparse && moving >= dt - 1e-9)
                {
                    double? speed = StepSpeed(samples, first, previousPositioned, previous, k, dt);
                    if (speed is { } v && v < options.PauseSpeedMetersPerSecond)
                    {
                        moving = 0;
                    }
                }
                else if (dt > 0 && dt < sparse && s.DistanceMeters is { } d2 && p.DistanceMeters is { } d1 && !s.HasPosition
                    && (d2 - d1) / dt < options.PauseSpeedMetersPerSecond)
                {
                    moving = 0; // no positions: the device's distance channel says the runner stood still
                }

                MovingSeconds[k] = Math.Max(0, moving);
                total += MovingSeconds[k];
                any = true;
            }

            previous = k;
            if (s.HasPosition)
            {
                previousPositioned = k;
            }
        }

        MovingTime = any ? TimeSpan.FromSeconds(total) : null;
    }

    private double? StepSpeed(ReadOnlySpan<ActivitySample> samples, int first, int previousPositioned, int previous, int k, double dt)
    {
        ref readonly ActivitySample p = ref samples[first + previous];
        ref readonly ActivitySample s = ref samples[first + k];
        if (p.DistanceMeters is { } d1 && s.DistanceMeters is { } d2)
        {
            return Math.Max(0, d2 - d1) / dt;
        }

        if (s.HasPosition && previousPositioned == previous)
        {
            return StepMeters[k] / dt;
        }

        return null;
    }

    public static double Seconds(in ActivitySample sample) => sample.Time.UtcTicks / (double)TimeSpan.TicksPerSecond;
}
