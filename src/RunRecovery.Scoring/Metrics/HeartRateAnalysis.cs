using System.Runtime.CompilerServices;
using RunRecovery.Scoring.Recordings;

namespace RunRecovery.Scoring.Metrics;

/// <summary>
/// Heart-rate average (time-weighted), maximum, time in zones and dropouts (docs/metrics.md, "Heart rate").
/// Each reading stands for half the step to the previous sample and half the step to the next, each step capped
/// at 30 s so a recording gap does not count as minutes at one value. Zones: 50/60/70/80/90 % of heart-rate reserve (Karvonen) when the resting rate is
/// known, else of the maximum. The runner's values come from <see cref="MetricsOptions"/>, else from the
/// profile the device stored in the file.
/// </summary>
internal static class HeartRateAnalysis
{
    private const double MaxWeightSeconds = 30;
    private const int PlausibleLow = 25;
    private const int PlausibleHigh = 250;
    private static readonly double[] ZoneFloors = [0.5, 0.6, 0.7, 0.8, 0.9];

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // issue 18: hot from the first call (docs/benchmarks.md)
    public static HeartRateSummary? Summarise(
        RecordedActivity activity, RecordedSeries samples, int first, int count, DateTimeOffset? start, MetricsOptions options)
    {
        int? maxHr = options.MaxHeartRateBpm ?? activity.DeviceMaxHeartRateBpm;
        int? restHr = options.RestingHeartRateBpm ?? activity.DeviceRestingHeartRateBpm;
        double[]? zoneTimes = maxHr is > 0 ? new double[ZoneFloors.Length + 1] : null;
        var flags = new List<string>();
        var dropouts = new List<HeartRateDropout>();

        double weighted = 0, weight = 0, covered = 0, recorded = 0;
        int readings = 0, implausible = 0, max = 0, min = int.MaxValue;
        long sum = 0;
        int? lastWithHr = null;
        int? firstTimed = null, previousTimed = null;

        // Nearest timed sample after each sample, found in one backward pass (a scan per reading would be
        // quadratic on files whose points mostly lack times).
        SampleColumn<DateTimeOffset> times = samples.Time;
        SampleColumn<int> heartRates = samples.HeartRateBpm;
        int[] nextTimed = new int[count];
        int upcoming = -1;
        for (int i = first + count - 1; i >= first; i--)
        {
            nextTimed[i - first] = upcoming;
            if (times.Has(i))
            {
                upcoming = i;
            }
        }

        for (int i = first; i < first + count; i++)
        {
            bool timed = times.Has(i);
            DateTimeOffset time = times[i];
            int? previousTimedBefore = previousTimed;
            if (timed)
            {
                firstTimed ??= i;
                if (previousTimed is { } pt)
                {
                    recorded += Math.Min(MaxWeightSeconds, Math.Max(0, (time - times[pt]).TotalSeconds));
                }

                previousTimed = i;
            }

            if (!heartRates.Has(i))
            {
                continue;
            }

            int hr = heartRates[i];

            if (hr is < PlausibleLow or > PlausibleHigh)
            {
                implausible++;
                continue;
            }

            readings++;
            sum += hr;
            max = Math.Max(max, hr);
            min = Math.Min(min, hr);
            if (!timed)
            {
                continue;
            }

            if (lastWithHr is { } previous)
            {
                double gap = (time - times[previous]).TotalSeconds;
                if (gap > options.HeartRateDropoutGap.TotalSeconds && HasSamplesBetween(previous, i))
                {
                    dropouts.Add(new HeartRateDropout(times[previous] - (start ?? times[previous]), TimeSpan.FromSeconds(gap)));
                }
            }
            else if (firstTimed is { } ft && (time - times[ft]).TotalSeconds > options.HeartRateDropoutGap.TotalSeconds)
            {
                flags.Add("no-hr-at-start");
            }

            // Each reading stands for half the step before it and half the step after it (each step capped).
            double before = previousTimedBefore is { } prior
                ? Math.Min(MaxWeightSeconds, Math.Max(0, (time - times[prior]).TotalSeconds)) / 2
                : 0;
            double after = nextTimed[i - first] is >= 0 and var next
                ? Math.Min(MaxWeightSeconds, Math.Max(0, (times[next] - time).TotalSeconds)) / 2
                : 0;
            double w = before + after > 0 ? before + after : 1;
            weighted += hr * w;
            weight += w;
            covered += w;
            if (zoneTimes is not null)
            {
                zoneTimes[Zone(hr, maxHr!.Value, restHr)] += w; // zoneTimes is only set when maxHr has a value
            }

            lastWithHr = i;
        }

        if (readings == 0)
        {
            return null;
        }

        if (dropouts.Count > 0)
        {
            flags.Add("dropouts");
        }

        if (implausible > 0)
        {
            flags.Add("implausible-values");
        }

        return new HeartRateSummary
        {
            AverageBpm = (int)Math.Round(weight > 0 ? weighted / weight : (double)sum / readings),
            MaxBpm = max,
            MinBpm = min,
            Coverage = recorded > 0 ? Math.Min(1, covered / recorded) : 1,
            TimeInZones = zoneTimes is null ? [] : [.. zoneTimes.Select(TimeSpan.FromSeconds)],
            ZoneBasis = zoneTimes is null ? null : restHr is > 0 ? "reserve" : "max",
            Dropouts = dropouts,
            Flags = flags,
        };
    }

    /// <summary>0 = below zone 1, 1–5 = zones.</summary>
    internal static int Zone(int hr, int maxHr, int? restHr)
    {
        double share = restHr is > 0 and var rest && maxHr > rest
            ? (hr - rest) / (double)(maxHr - rest)
            : hr / (double)maxHr;
        int zone = 0;
        for (int z = 0; z < ZoneFloors.Length; z++)
        {
            if (share >= ZoneFloors[z])
            {
                zone = z + 1;
            }
        }

        return zone;
    }

    private static bool HasSamplesBetween(int a, int b) => b - a > 1;
}
