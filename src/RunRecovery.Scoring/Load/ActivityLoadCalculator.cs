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
    /// <summary>
    /// The furthest back scoring an activity reads earlier ones: the pace calibration's 180 days (the other windows are
    /// shorter: pace threshold 90, repeated bout 63, novelty and cap 42 days). Besides, only the last earlier
    /// activity's <see cref="LoadTrace.HighestHeartRateSeen"/> is read. A kept history drops traces older than this
    /// before its last activity (<see cref="Planning.KeptLoadHistory"/>).
    /// </summary>
    public static readonly TimeSpan Lookback = new[]
    {
        PaceLoad.CalibrationWindow, PaceLoad.ThresholdWindow, MuscleAdaptation.RepeatedBoutWindow, MuscleAdaptation.NoveltyWindow,
        TimeSpan.FromDays(ActivityLoadCap.HistoryDays),
    }.Max();

    /// <summary>HR-reserve fraction assumed when an activity has neither heart rate nor usable pace:
    /// 0.6 (0.45 for walking and hiking). Our assumption, §2.3.</summary>
    public static double AssumedReserveFraction(Sport sport) => sport is Sport.Walking or Sport.Hiking ? 0.45 : 0.6;

    public static ActivityLoad Compute(
        ActivityLoadInput input, RunnerProfile profile, TimeZoneInfo zone, ReadOnlySpan<LoadTrace> earlier)
    {
        Sport sport = SportClassifier.Classify(input);
        bool classified = sport != input.Sport;
        if (classified)
        {
            input = input with { Sport = sport };
        }

        DateTimeOffset start = input.StartUtc;
        double highestSeen = HighestHeartRate(input, earlier.Length > 0 ? earlier[^1].HighestHeartRateSeen : 0);
        HeartRateBasis basis = HeartRateBasis.Resolve(profile, start, highestSeen);

        double? trimp = null;
        double? reserve = null;
        CardioMethod method = CardioMethod.Duration;
        if (basis.Source != HeartRateMaxSource.None)
        {
            if (input.AvgHeartRateBpm is { } average)
            {
                reserve = Trimp.ReserveFraction(average, basis.MaxBpm, basis.RestBpm);
            }

            trimp = Trimp.FromSamples(input.Samples, basis.MaxBpm, basis.RestBpm, profile.Sex);
            method = CardioMethod.HeartRateSamples;
            if (trimp is null && input.AvgHeartRateBpm is { } avg)
            {
                trimp = Trimp.Constant(input.MovingTime.TotalMinutes, Trimp.ReserveFraction(avg, basis.MaxBpm, basis.RestBpm), profile.Sex);
                method = CardioMethod.HeartRateAverage;
            }
        }

        double gap = input.Sport == Sport.Running ? PaceLoad.GradeAdjustedSpeed(input) : 0;
        double reference = gap > 0 ? ReferenceSpeed(input, gap, earlier) : 0;
        double threshold = PaceLoad.ThresholdReserveShare * reference;
        double paceUnits = PaceLoad.Units(input.MovingTime, gap, threshold);
        double paceTrimp = reference > 0 ? Trimp.Constant(input.MovingTime.TotalMinutes, Math.Clamp(gap / reference, 0, 1), profile.Sex) : 0;
        double calibration = paceUnits > 0 ? paceTrimp / paceUnits : 0;

        double cardio;
        if (trimp is { } hrLoad)
        {
            cardio = hrLoad;
        }
        else if (paceTrimp > 0)
        {
            cardio = paceTrimp;
            method = CardioMethod.Pace;
        }
        else
        {
            cardio = Trimp.Constant(input.MovingTime.TotalMinutes, AssumedReserveFraction(input.Sport), profile.Sex);
            method = CardioMethod.Duration;
        }

        double ceiling = ActivityLoadCap.Ceiling(start, profile.Sex, earlier);
        double? uncapped = cardio > ceiling ? cardio : null;
        cardio = Math.Min(cardio, ceiling); // one activity never dominates the load (§2.5)

        (MuscleLoad concentric, MuscleLoad eccentric, double descent) = MuscularLoadModel.Raw(input);
        MuscleLoad protection = MuscleAdaptation.Protection(start, eccentric, earlier);
        MuscleLoad raw = concentric + eccentric.Map((g, e) => e * (1 - protection[g]));
        MuscleLoad novelty = MuscleAdaptation.Novelty(start, raw, profile, earlier, out double? loadToNorm);
        MuscleLoad effective = raw.Map((g, r) => r * novelty[g]);

        return new ActivityLoad
        {
            Id = input.Id,
            FileName = input.FileName,
            Sport = input.Sport,
            SportClassified = classified,
            SubSport = input.SubSport,
            StartUtc = start,
            EndUtc = input.EndUtc,
            MovingTime = input.MovingTime,
            DistanceMeters = input.DistanceMeters,
            LocalDate = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(start, zone).DateTime),
            CardioLoad = Math.Max(0, cardio),
            CardioMethod = method,
            CardioLoadBeforeCap = uncapped,
            HeartRate = basis,
            HeartRateTrimp = trimp,
            ReserveFraction = trimp is null ? null : reserve,
            PaceUnits = paceUnits,
            GradeAdjustedSpeed = gap,
            ThresholdSpeed = threshold,
            PaceCalibration = calibration,
            HighestHeartRateSeen = highestSeen,
            ConcentricLoad = concentric,
            EccentricLoad = eccentric,
            RawMuscleLoad = raw,
            Novelty = novelty,
            LoadToNorm = loadToNorm,
            Protection = protection,
            MuscleLoad = effective,
            DescentMeters = descent,
            RecoveryHours = RecoveryTime.Hours(cardio, effective, profile, start),
            AvgTemperatureCelsius = input.AvgTemperatureCelsius ?? input.Samples.AverageTemperature(),
        };
    }

    private static double HighestHeartRate(ActivityLoadInput input, double before)
    {
        double highest = Math.Max(before, input.MaxHeartRateBpm ?? 0);
        SampleColumn<int> heartRates = input.Samples.HeartRateBpm;
        for (int i = 0; i < input.Samples.Count; i++)
        {
            if (heartRates.Has(i) && heartRates[i] > highest)
            {
                highest = heartRates[i];
            }
        }

        return highest;
    }

    /// <summary>
    /// The runner's speed at heart-rate reserve 1 (docs/recovery-model.md §2.2): the median of grade-adjusted speed /
    /// average HR-reserve fraction over their recent runs with heart rate (%HRR tracks %VO2 reserve, Swain &amp;
    /// Leutholtz 1997, and running VO2 above rest grows in proportion to speed, ACSM's running equation); without such
    /// runs, the median grade-adjusted speed of recent runs (this one included) read as an easy effort at
    /// <see cref="PaceLoad.TypicalReserveFraction"/>.
    /// </summary>
    private static double ReferenceSpeed(ActivityLoadInput input, double gap, ReadOnlySpan<LoadTrace> earlier)
    {
        Span<double> fromHeartRate = stackalloc double[PaceLoad.CalibrationRuns];
        int n = 0;
        DateTimeOffset from = input.StartUtc - PaceLoad.CalibrationWindow;
        for (int i = earlier.Length - 1; i >= 0 && earlier[i].StartUtc >= from && n < fromHeartRate.Length; i--)
        {
            ref readonly LoadTrace a = ref earlier[i];
            if (a.Sport == Sport.Running && a.GradeAdjustedSpeed > 0 && a.MovingTime >= PaceLoad.MinThresholdEffort
                && a.ReserveFraction is >= PaceLoad.MinCalibrationReserveFraction and { } x)
            {
                fromHeartRate[n++] = a.GradeAdjustedSpeed / x;
            }
        }

        if (n > 0)
        {
            return Median(fromHeartRate[..n]);
        }

        var speeds = new List<double> { gap };
        DateTimeOffset paceFrom = input.StartUtc - PaceLoad.ThresholdWindow;
        for (int i = earlier.Length - 1; i >= 0 && earlier[i].StartUtc >= paceFrom; i--)
        {
            ref readonly LoadTrace a = ref earlier[i];
            if (a.Sport == Sport.Running && a.GradeAdjustedSpeed > 0 && a.MovingTime >= PaceLoad.MinThresholdEffort)
            {
                speeds.Add(a.GradeAdjustedSpeed);
            }
        }

        Span<double> all = speeds.ToArray();
        return Median(all) / PaceLoad.TypicalReserveFraction;
    }

    private static double Median(Span<double> values)
    {
        values.Sort();
        int n = values.Length;
        return n % 2 == 1 ? values[n / 2] : (values[(n / 2) - 1] + values[n / 2]) / 2;
    }
}
