using System.Runtime.CompilerServices;
using RunRecovery.Scoring.Recordings;

namespace RunRecovery.Scoring.Metrics;

/// <summary>Computes <see cref="ActivityMetrics"/> for a range of samples; each step is described in docs/metrics.md.</summary>
internal static class MetricsCalculator
{
    /// <summary>
    /// Stated totals further than this from what the samples show get a warning; samples covering more than this
    /// beyond the stated distance win over the stated totals (docs/metrics.md, "Stated totals and samples"). The
    /// watches' own distances are within 1 % of their distance channels, GPS within 5 % (FitStatedTotalsTests,
    /// CorpusMetricsTests).
    /// </summary>
    public const double DisagreementShare = 0.10;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // issue 18: hot from the first call (docs/benchmarks.md)
    public static ActivityMetrics Compute(
        RecordedActivity activity, int first, int count, Sport sport, DeviceTotals stated, MetricsOptions options)
    {
        RecordedSeries samples = activity.Samples;
        var missing = new List<string>();
        var warnings = new List<MetricsWarning>();
        var segmentStarts = SegmentStarts.Within(activity.SegmentStartIndices, first, count);

        // Time.
        DateTimeOffset? firstTime = null, lastTime = null;
        for (int i = first; i < first + count; i++)
        {
            if (samples.Timed(i))
            {
                firstTime ??= samples.Time[i];
                lastTime = samples.Time[i];
            }
        }

        // A span under a second over several samples is a clock that did not run (e.g. every point stamped
        // 1901-12-13, the 32-bit epoch minimum): the duration is unknown, not zero.
        int timedCount = 0;
        for (int i = first; i < first + count; i++)
        {
            timedCount += samples.Timed(i) ? 1 : 0;
        }

        TimeSpan? span = firstTime is { } f && lastTime is { } l && l - f >= TimeSpan.FromSeconds(1) ? l - f : null;
        if (span is null && timedCount > 2)
        {
            warnings.Add(new MetricsWarning("time-span-zero", "All sample times are within one second of each other: durations are unknown."));
        }

        bool timesPartial = count > 0 && timedCount > 0 && timedCount < 0.9 * count;
        if (timesPartial)
        {
            warnings.Add(new MetricsWarning(
                "times-partial", $"Only {timedCount} of {count} samples have a time: pace is not computed (distance and time would not cover the same ground)."));
        }

        TimeSpan? sessionElapsed = stated.ElapsedTime;
        TimeSpan? elapsed = sessionElapsed ?? span;
        DateTimeOffset? start = stated.StartUtc ?? firstTime ?? activity.StartUtc;
        if (count == 0)
        {
            missing.Add("samples");
        }

        if (firstTime is null || span is null)
        {
            missing.Add("time");
        }

        // Distance and moving time.
        Movement movement = Movement.Analyse(samples, first, count, segmentStarts, options);
        if (movement.GeodesicMeters is null)
        {
            missing.Add("position");
        }

        double? recordDistance = RecordDistance(samples, first, count);
        double? sessionDistance = stated.DistanceMeters;
        double? measured = recordDistance ?? movement.GeodesicMeters;

        // Stated totals that cover less than the samples (TCX laps over part of the track) describe part of the
        // activity: the samples win, distance and times alike. Stated totals above the samples win (the samples
        // may be an excerpt, or miss what a foot pod counted).
        bool samplesWin = sessionDistance is > 0 && measured is { } covered && covered > sessionDistance.Value * (1 + DisagreementShare);
        (double? distance, string? distanceSource) = sessionDistance is not null && !samplesWin ? (sessionDistance, "device")
            : recordDistance is not null ? (recordDistance, "records")
            : movement.GeodesicMeters is not null ? (movement.GeodesicMeters, "geodesic")
            : ((double?)null, (string?)null);
        if (distance is null)
        {
            missing.Add("distance");
        }

        if (samplesWin)
        {
            TimeSpan? statedTime = stated.TimerTime ?? sessionElapsed;
            warnings.Add(new MetricsWarning(
                "totals-disagree",
                $"The file states {sessionDistance!.Value:F0} m{(statedTime is { } t ? $" in {t.TotalSeconds:F0} s" : "")} but its samples cover {measured!.Value:F0} m{(span is { } sp ? $" in {sp.TotalSeconds:F0} s" : "")}; the stated totals cover part of the activity, so the samples' totals are reported."));
            if (span is { } all && (elapsed is null || all > elapsed))
            {
                elapsed = all;
            }
        }
        else if (sessionDistance is > 0 && measured is { } m && Math.Abs(m - sessionDistance.Value) > DisagreementShare * sessionDistance.Value)
        {
            warnings.Add(new MetricsWarning(
                "totals-disagree",
                $"The file states {sessionDistance.Value:F0} m but its samples cover {m:F0} m; the stated total is reported."));
        }

        TimeSpan? timer = samplesWin ? null : stated.TimerTime;
        TimeSpan? fromEvents = timer is null && activity.Pauses.Count > 0 && firstTime is { } from && lastTime is { } to && to > from
            ? MovingFromTimerEvents(activity.Pauses, from, to)
            : null;
        (TimeSpan? moving, string? movingSource) = timer is not null ? (timer, "timer")
            : fromEvents is not null ? (fromEvents, "timer-events")
            : span is not null && movement.MovingTime is not null && (movement.GeodesicMeters is not null || recordDistance is not null) ? (movement.MovingTime, "detected")
            : elapsed is not null ? (elapsed, "elapsed")
            : ((TimeSpan?)null, (string?)null);

        if (moving is { } mt && elapsed is { } et && mt > et + TimeSpan.FromSeconds(1))
        {
            warnings.Add(new MetricsWarning(
                "timer-exceeds-elapsed", $"The stated timer ({mt.TotalSeconds:F0} s) is longer than the elapsed time ({et.TotalSeconds:F0} s); it is reported as stated."));
        }

        // Elevation.
        ElevationTotals elevation = ElevationTotals.Measure(samples, first, count, stated, options, warnings);
        if (elevation.Ascent is null)
        {
            missing.Add("elevation");
        }

        // Heart rate, cadence, pace.
        HeartRateSummary? heartRate = HeartRateAnalysis.Summarise(activity, samples, first, count, start, options);
        if (heartRate is null)
        {
            missing.Add("heart-rate");
        }

        (double? cadence, string? cadenceUnit) = CadenceAnalysis.Average(samples, first, count, sport);
        if (cadence is null)
        {
            missing.Add("cadence");
        }

        double? pace = moving is { } mv && mv > TimeSpan.Zero && distance is > 0 && !timesPartial ? mv.TotalSeconds / (distance.Value / 1000) : null;
        double? gap = pace is { } p && GradeAdjustedPace.Factor(samples, first, count, movement) is { } factor ? p / factor : null;

        return new ActivityMetrics
        {
            StartUtc = start,
            UtcOffset = activity.UtcOffset,
            ElapsedTime = elapsed,
            MovingTime = moving,
            MovingTimeSource = movingSource,
            DetectedMovingTime = span is null ? null : movement.MovingTime,
            DistanceMeters = distance,
            DistanceSource = distanceSource,
            GeodesicDistanceMeters = movement.GeodesicMeters,
            RecordDistanceMeters = recordDistance,
            AscentMeters = elevation.Ascent,
            DescentMeters = elevation.Descent,
            ElevationSource = elevation.Source,
            RawAscentMeters = elevation.RawAscent,
            RawDescentMeters = elevation.RawDescent,
            HeartRate = heartRate,
            PaceSecondsPerKm = pace,
            GradeAdjustedPaceSecondsPerKm = gap,
            AverageCadence = cadence,
            CadenceUnit = cadenceUnit,
            Splits = Splits.ByDistance(samples, first, count, movement, recordDistance is not null, elevation.AllZero, options.SplitMeters),
            SampleCount = count,
            Missing = missing,
            Warnings = warnings,
        };
    }

    /// <summary>The span minus the timer stops (FIT timer events) that fall inside it; an open stop runs to the end.</summary>
    private static TimeSpan MovingFromTimerEvents(IReadOnlyList<RecordedPause> pauses, DateTimeOffset from, DateTimeOffset to)
    {
        TimeSpan stopped = TimeSpan.Zero;
        foreach (RecordedPause pause in pauses)
        {
            DateTimeOffset start = pause.StopUtc > from ? pause.StopUtc : from;
            DateTimeOffset end = pause.ResumeUtc is { } resume && resume < to ? resume : to;
            if (end > start)
            {
                stopped += end - start;
            }
        }

        TimeSpan moving = to - from - stopped;
        return moving > TimeSpan.Zero ? moving : TimeSpan.Zero;
    }

    /// <summary>Distance covered by the cumulative distance channel: the sum of its increases (a reset to 0 is skipped).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // issue 18: hot from the first call (docs/benchmarks.md)
    private static double? RecordDistance(RecordedSeries samples, int first, int count)
    {
        SampleColumn<double> distances = samples.DistanceMeters;
        double? previous = null;
        double total = 0;
        int values = 0;
        for (int i = first; i < first + count; i++)
        {
            if (!distances.Has(i))
            {
                continue;
            }

            double d = distances[i];
            values++;
            if (previous is { } p && d > p)
            {
                total += d - p;
            }

            previous = d;
        }

        return values >= 2 ? total : null;
    }
}
