using RunRecovery.Scoring.Planning;
using RunRecovery.Scoring.Recordings;
using RunRecovery.Scoring.Recovery;

namespace RunRecovery.Scoring.Load;

/// <summary>
/// Scores one activity given the runner's earlier, already scored activities (docs/recovery-model.md §2–§5).
/// Only earlier activities are read, so a result never changes when later activities arrive.
/// </summary>
public static class ActivityLoadCalculator
{
    /// <summary>HR-reserve fraction assumed when an activity has neither heart rate nor usable pace:
    /// 0.6 (0.45 for walking and hiking). Our assumption, §2.3.</summary>
    public static double AssumedReserveFraction(Sport sport) => sport is Sport.Walking or Sport.Hiking ? 0.45 : 0.6;

    public static ActivityLoad Compute(
        ActivityLoadInput input, RunnerProfile profile, TimeZoneInfo zone, ReadOnlySpan<ActivityLoad> earlier)
    {
        DateTimeOffset start = input.StartUtc;
        double highestSeen = HighestHeartRate(input, earlier.Length > 0 ? earlier[^1].HighestHeartRateSeen : 0);
        HeartRateBasis basis = HeartRateBasis.Resolve(profile, start, highestSeen);

        double? trimp = null;
        CardioMethod method = CardioMethod.Duration;
        if (basis.Source != HeartRateMaxSource.None)
        {
            trimp = Trimp.FromSamples(input.Samples, basis.MaxBpm, basis.RestBpm, profile.Sex);
            method = CardioMethod.HeartRateSamples;
            if (trimp is null && input.AvgHeartRateBpm is { } avg)
            {
                trimp = Trimp.Constant(input.MovingTime.TotalMinutes, Trimp.ReserveFraction(avg, basis.MaxBpm, basis.RestBpm), profile.Sex);
                method = CardioMethod.HeartRateAverage;
            }
        }

        double gap = input.Sport == Sport.Running ? PaceLoad.GradeAdjustedSpeed(input) : 0;
        double threshold = gap > 0 ? ThresholdSpeed(input, profile, earlier) : 0;
        double paceUnits = PaceLoad.Units(input.MovingTime, gap, threshold);
        double calibration = Calibration(start, trimp, paceUnits, profile.Sex, earlier);

        double cardio;
        if (trimp is { } hrLoad)
        {
            cardio = hrLoad;
        }
        else if (paceUnits > 0)
        {
            cardio = calibration * paceUnits;
            method = CardioMethod.Pace;
        }
        else
        {
            cardio = Trimp.Constant(input.MovingTime.TotalMinutes, AssumedReserveFraction(input.Sport), profile.Sex);
            method = CardioMethod.Duration;
        }

        (MuscleLoad concentric, MuscleLoad eccentric, double descent) = MuscularLoadModel.Raw(input);
        MuscleLoad protection = MuscleAdaptation.Protection(start, eccentric, earlier);
        MuscleLoad raw = concentric + eccentric.Map((g, e) => e * (1 - protection[g]));
        MuscleLoad novelty = MuscleAdaptation.Novelty(start, raw, profile, earlier);
        MuscleLoad effective = raw.Map((g, r) => r * novelty[g]);

        return new ActivityLoad
        {
            Id = input.Id,
            FileName = input.FileName,
            Sport = input.Sport,
            SubSport = input.SubSport,
            StartUtc = start,
            EndUtc = input.EndUtc,
            MovingTime = input.MovingTime,
            DistanceMeters = input.DistanceMeters,
            LocalDate = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(start, zone).DateTime),
            CardioLoad = Math.Max(0, cardio),
            CardioMethod = method,
            HeartRate = basis,
            HeartRateTrimp = trimp,
            PaceUnits = paceUnits,
            GradeAdjustedSpeed = gap,
            ThresholdSpeed = threshold,
            PaceCalibration = calibration,
            HighestHeartRateSeen = highestSeen,
            ConcentricLoad = concentric,
            EccentricLoad = eccentric,
            RawMuscleLoad = raw,
            Novelty = novelty,
            Protection = protection,
            MuscleLoad = effective,
            DescentMeters = descent,
            RecoveryHours = RecoveryTime.Hours(cardio, effective, profile, start),
            AvgTemperatureCelsius = input.AvgTemperatureCelsius ?? AverageTemperature(input.Samples),
        };
    }

    private static double HighestHeartRate(ActivityLoadInput input, double before)
    {
        double highest = Math.Max(before, input.MaxHeartRateBpm ?? 0);
        foreach (var sample in input.Samples)
        {
            if (sample.HeartRateBpm is { } hr && hr > highest)
            {
                highest = hr;
            }
        }

        return highest;
    }

    private static double? AverageTemperature(IReadOnlyList<RecordedSample> samples)
    {
        double sum = 0;
        int count = 0;
        foreach (var sample in samples)
        {
            if (sample.TemperatureCelsius is { } t)
            {
                sum += t;
                count++;
            }
        }

        return count > 0 ? sum / count : null;
    }

    private static double ThresholdSpeed(ActivityLoadInput input, RunnerProfile profile, ReadOnlySpan<ActivityLoad> earlier)
    {
        // Only earlier runs: the run being scored must not move its own yardstick (a longer run could otherwise score lower).
        double best = 0;
        DateTimeOffset from = input.StartUtc - PaceLoad.ThresholdWindow;
        for (int i = earlier.Length - 1; i >= 0 && earlier[i].StartUtc >= from; i--)
        {
            var a = earlier[i];
            if (a.Sport == Sport.Running && a.MovingTime >= PaceLoad.MinThresholdEffort && a.GradeAdjustedSpeed > best)
            {
                best = a.GradeAdjustedSpeed;
            }
        }

        return Math.Max(PaceLoad.ThresholdFloor(profile.Experience), PaceLoad.ThresholdShareOfBestEffort * best);
    }

    private static double Calibration(DateTimeOffset start, double? trimp, double paceUnits, Sex sex, ReadOnlySpan<ActivityLoad> earlier)
    {
        Span<double> ratios = stackalloc double[PaceLoad.CalibrationRuns + 1];
        int n = 0;
        if (trimp is { } own && paceUnits > 0)
        {
            ratios[n++] = own / paceUnits;
        }

        DateTimeOffset from = start - PaceLoad.CalibrationWindow;
        for (int i = earlier.Length - 1; i >= 0 && earlier[i].StartUtc >= from && n < ratios.Length; i--)
        {
            var a = earlier[i];
            if (a.HeartRateTrimp is { } t && a.PaceUnits > 0)
            {
                ratios[n++] = t / a.PaceUnits;
            }
        }

        if (n == 0)
        {
            return Trimp.OneHourAtThreshold(sex);
        }

        var used = ratios[..n];
        used.Sort();
        return n % 2 == 1 ? used[n / 2] : (used[(n / 2) - 1] + used[n / 2]) / 2;
    }
}
