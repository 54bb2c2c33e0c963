using System.Runtime.CompilerServices;
using RunRecovery.Scoring.Recordings;

namespace RunRecovery.Scoring.Metrics;

/// <summary>
/// Stay-point detection (docs/metrics.md, "Moving time"): a stop is a run of samples that stay within
/// <see cref="MetricsOptions.StopRadiusMeters"/> of their running centroid for at least
/// <see cref="MetricsOptions.MinStopDuration"/> while drifting slower than <see cref="MetricsOptions.MaxStopDriftMetersPerSecond"/>
/// from first to last point. Inside a stop the jittering path is replaced by entry → centroid → exit, and its time
/// counts as stopped except the time the runner needed to walk in and out at the speed seen just before and after.
/// </summary>
internal static class StopDetection
{
    private const int MaxFailedClusterPoints = 256;

    /// <summary>Finds stops; corrects <paramref name="stepMeters"/> inside them; returns the stopped time intervals (seconds since the epoch).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // issue 18: hot from the first call (docs/benchmarks.md)
    public static List<(double Start, double End)> Detect(
        RecordedSeries samples, int first, int count, SegmentStarts segmentStarts, MetricsOptions options, double[] stepMeters)
    {
        SampleColumn<double> latitudes = samples.LatitudeDegrees, longitudes = samples.LongitudeDegrees;
        // Positioned, timed samples: offsets into the range, with a segment number.
        var points = new List<int>(count);
        var segment = new List<int>(count);
        int seg = 0;
        SegmentStarts.Cursor starts = segmentStarts.Walk();
        for (int k = 0; k < count; k++)
        {
            if (starts.IsStart(first + k) && k > 0)
            {
                seg++;
            }

            if (samples.HasPosition(first + k) && samples.Timed(first + k))
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
            int start = first + points[a];
            double sumLat = latitudes[start], sumLon = longitudes[start];
            int n = 1;
            int b = a + 1;

            // Membership is a 10 m-scale threshold: a local plane (metres per degree at this latitude) is plenty
            // and costs a few multiplications instead of the ellipsoid formula.
            double metresPerDegreeLat = 111_132.954 - (559.822 * Math.Cos(2 * sumLat * Math.PI / 180));
            double metresPerDegreeLon = 111_412.84 * Math.Cos(sumLat * Math.PI / 180);
            double radiusSquared = radius * radius;
            while (b < points.Count && segment[b] == segment[a])
            {
                int s = first + points[b];
                double north = (latitudes[s] - (sumLat / n)) * metresPerDegreeLat;
                double east = (longitudes[s] - (sumLon / n)) * metresPerDegreeLon;
                if ((north * north) + (east * east) > radiusSquared)
                {
                    break;
                }

                sumLat += latitudes[s];
                sumLon += longitudes[s];
                n++;
                b++;
            }

            int last = b - 1;
            int lastSample = first + points[last];
            double duration = samples.Seconds(lastSample) - samples.Seconds(start);

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
                || Geodesy.Distance(latitudes[start], longitudes[start], latitudes[lastSample], longitudes[lastSample])
                    > options.MaxStopDriftMetersPerSecond * duration)
            {
                a++;
                continue;
            }

            double cLat = sumLat / n, cLon = sumLon / n;
            int end = lastSample;
            double inMeters = Geodesy.Distance(latitudes[start], longitudes[start], cLat, cLon);
            double outMeters = Geodesy.Distance(cLat, cLon, latitudes[end], longitudes[end]);

            // The jittering path inside the stop is replaced by entry → centroid → exit.
            for (int q = a + 1; q <= last; q++)
            {
                stepMeters[points[q]] = 0;
            }

            stepMeters[points[last]] = inMeters + outMeters;

            double vIn = Speed(samples, first, points, segment, a, -1);
            double vOut = Speed(samples, first, points, segment, last, +1);
            double creditIn = vIn > options.PauseSpeedMetersPerSecond ? inMeters / vIn : 0;
            double creditOut = vOut > options.PauseSpeedMetersPerSecond ? outMeters / vOut : 0;
            double stopStart = samples.Seconds(start) + creditIn;
            double stopEnd = samples.Seconds(end) - creditOut;
            if (stopEnd > stopStart)
            {
                intervals.Add((stopStart, stopEnd));
            }

            a = b;
        }

        return intervals;
    }

    /// <summary>Average speed over up to 10 s (and 10 points) just before (<paramref name="direction"/> −1) or after (+1) point <paramref name="at"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // issue 18: hot from the first call (docs/benchmarks.md)
    private static double Speed(RecordedSeries samples, int first, List<int> points, List<int> segment, int at, int direction)
    {
        SampleColumn<double> latitudes = samples.LatitudeDegrees, longitudes = samples.LongitudeDegrees;
        double meters = 0;
        double t0 = samples.Seconds(first + points[at]);
        double seconds = 0;
        int q = at;
        for (int steps = 0; steps < 10; steps++)
        {
            int next = q + direction;
            if (next < 0 || next >= points.Count || segment[next] != segment[at])
            {
                break;
            }

            int x = first + points[q], y = first + points[next];
            meters += Geodesy.Distance(latitudes[x], longitudes[x], latitudes[y], longitudes[y]);
            seconds = Math.Abs(samples.Seconds(y) - t0);
            q = next;
            if (seconds >= 10)
            {
                break;
            }
        }

        return seconds > 0 ? meters / seconds : 0;
    }
}
