using System.Runtime.CompilerServices;
using RunRecovery.Scoring.Recordings;

namespace RunRecovery.Scoring.Metrics;

/// <summary>
/// Geodesic distance and moving time over a range of samples (docs/metrics.md, "Distance" and "Moving time"): the
/// steps between positions, corrected and timed out by <see cref="StopDetection"/>. Long sparse steps slower than
/// <see cref="MetricsOptions.PauseSpeedMetersPerSecond"/> (auto-pause gaps) are pauses too.
/// </summary>
internal sealed class Movement
{
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

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // issue 18: hot from the first call (docs/benchmarks.md)
    public static Movement Analyse(RecordedSeries samples, int first, int count, SegmentStarts segmentStarts, MetricsOptions options)
    {
        var result = new Movement(count);
        SegmentStarts.Cursor starts = segmentStarts.Walk();
        SampleColumn<double> latitudes = samples.LatitudeDegrees, longitudes = samples.LongitudeDegrees;
        int positioned = 0;
        int lastPos = -1;
        for (int k = 0; k < count; k++)
        {
            int i = first + k;
            if (starts.IsStart(i))
            {
                lastPos = -1;
            }

            if (!latitudes.Has(i) || !longitudes.Has(i))
            {
                continue;
            }

            positioned++;
            if (lastPos >= 0)
            {
                int p = first + lastPos;
                result.StepMeters[k] = Geodesy.Distance(latitudes[p], longitudes[p], latitudes[i], longitudes[i]);
            }

            lastPos = k;
        }

        List<(double Start, double End)> stopped = positioned >= 2
            ? StopDetection.Detect(samples, first, count, segmentStarts, options, result.StepMeters)
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

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // issue 18: hot from the first call (docs/benchmarks.md)
    private void MeasureMovingTime(
        RecordedSeries samples, int first, int count, SegmentStarts segmentStarts, List<(double Start, double End)> stopped, MetricsOptions options)
    {
        SampleColumn<double> distances = samples.DistanceMeters;
        double sparse = options.SparseStepDuration.TotalSeconds;
        double total = 0;
        bool any = false;
        int previous = -1;
        int previousPositioned = -1;
        int stop = 0;
        SegmentStarts.Cursor starts = segmentStarts.Walk();
        for (int k = 0; k < count; k++)
        {
            int i = first + k;
            if (starts.IsStart(i))
            {
                previous = -1;
                previousPositioned = -1;
            }

            if (!samples.Timed(i))
            {
                continue;
            }

            bool positionedHere = samples.HasPosition(i);
            if (previous >= 0)
            {
                int p = first + previous;
                double t1 = samples.Seconds(p), t2 = samples.Seconds(i);
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
                else if (dt > 0 && dt < sparse && distances.Has(i) && distances.Has(p) && !positionedHere
                    && (distances[i] - distances[p]) / dt < options.PauseSpeedMetersPerSecond)
                {
                    moving = 0; // no positions: the device's distance channel says the runner stood still
                }

                MovingSeconds[k] = Math.Max(0, moving);
                total += MovingSeconds[k];
                any = true;
            }

            previous = k;
            if (positionedHere)
            {
                previousPositioned = k;
            }
        }

        MovingTime = any ? TimeSpan.FromSeconds(total) : null;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // issue 18: hot from the first call (docs/benchmarks.md)
    private double? StepSpeed(RecordedSeries samples, int first, int previousPositioned, int previous, int k, double dt)
    {
        int p = first + previous, s = first + k;
        SampleColumn<double> distances = samples.DistanceMeters;
        if (distances.Has(p) && distances.Has(s))
        {
            return Math.Max(0, distances[s] - distances[p]) / dt;
        }

        if (samples.HasPosition(s) && previousPositioned == previous)
        {
            return StepMeters[k] / dt;
        }

        return null;
    }
}
