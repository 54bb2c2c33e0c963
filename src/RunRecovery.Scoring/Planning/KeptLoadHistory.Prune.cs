using System.Runtime.CompilerServices;
using RunRecovery.Scoring.Load;
using RunRecovery.Scoring.Recordings;

namespace RunRecovery.Scoring.Planning;

/// <summary>Which traces a kept history keeps (<see cref="Prune"/>).</summary>
public sealed partial class KeptLoadHistory
{
    /// <summary>
    /// The traces of <paramref name="traces"/> (ordered by start) that scoring an activity starting at or after the
    /// last one can read (<see cref="ActivityLoadCalculator"/>): any trace left out is either outside every window such
    /// an activity reads or never changes what it reads.
    /// <list type="bullet">
    /// <item>the last trace (its <see cref="LoadTrace.HighestHeartRateSeen"/>) and every trace of its local date (the
    /// day's load is summed again when a later activity lands on the same date: the same terms in the same order);</item>
    /// <item>the cap (<see cref="ActivityLoadCap"/>: the largest cardio load of the last 42 days), repeated-bout
    /// protection (<see cref="MuscleAdaptation.Protection"/>: each group's largest eccentric load of 63 days) and
    /// novelty (<see cref="MuscleAdaptation.Novelty"/>: each group's largest raw load of running-muscle activities of
    /// 42 days) read maxima: a trace whose value a later one equals or exceeds (for every group) is never the maximum of
    /// a window that starts before the later one, and windows only move forward;</item>
    /// <item>the pace reference (<c>ReferenceSpeed</c>) reads the newest <see cref="PaceLoad.CalibrationRuns"/> runs with
    /// heart rate of 180 days, and only when there is none, every run's pace of the last 90 days: a run older than a
    /// run with heart rate is read that way only more than 180 days after the latter, when it is older than 90 days, so
    /// only the runs of the last 90 days after the newest run with heart rate are kept for it.</item>
    /// </list>
    /// A maximum compared with a NaN keeps the trace. The seed reads the first 28 days, summed separately.
    /// </summary>
    internal static LoadTrace[] Prune(ReadOnlySpan<LoadTrace> traces)
    {
        if (traces.Length == 0)
        {
            return [];
        }

        DateTimeOffset last = traces[^1].StartUtc;
        DateOnly lastDate = traces[^1].LocalDate;
        DateTimeOffset capFrom = last.AddDays(-ActivityLoadCap.HistoryDays);
        DateTimeOffset boutFrom = last - MuscleAdaptation.RepeatedBoutWindow;
        DateTimeOffset noveltyFrom = last - MuscleAdaptation.NoveltyWindow;
        DateTimeOffset calibrationFrom = last - PaceLoad.CalibrationWindow;
        DateTimeOffset paceFrom = last - PaceLoad.ThresholdWindow;
        int withHeartRate = 0;
        double cardio = double.NegativeInfinity;
        MuscleLoad eccentric = Lowest, raw = Lowest;
        Span<bool> keep = traces.Length <= 512 ? stackalloc bool[traces.Length] : new bool[traces.Length];
        int kept = 0;
        for (int i = traces.Length - 1; i >= 0; i--)
        {
            ref readonly LoadTrace t = ref traces[i];
            DateTimeOffset start = t.StartUtc;
            bool needed = i == traces.Length - 1 || t.LocalDate == lastDate;
            if (start >= capFrom && !(cardio >= t.CardioLoad))
            {
                needed = true;
            }

            if (start >= boutFrom && !Covers(eccentric, t.EccentricLoad))
            {
                needed = true;
            }

            if (t.LoadsRunningMuscles && start >= noveltyFrom && !Covers(raw, t.RawMuscleLoad))
            {
                needed = true;
            }

            bool paced = t.Sport == Sport.Running && t.GradeAdjustedSpeed > 0 && t.MovingTime >= PaceLoad.MinThresholdEffort;
            if (paced && t.ReserveFraction is >= PaceLoad.MinCalibrationReserveFraction)
            {
                if (start >= calibrationFrom && withHeartRate < PaceLoad.CalibrationRuns)
                {
                    needed = true;
                }

                withHeartRate++;
            }
            else if (paced && start >= paceFrom && withHeartRate == 0)
            {
                needed = true;
            }

            cardio = Math.Max(cardio, t.CardioLoad);
            eccentric = MuscleLoad.Greatest(eccentric, t.EccentricLoad);
            if (t.LoadsRunningMuscles)
            {
                raw = MuscleLoad.Greatest(raw, t.RawMuscleLoad);
            }

            keep[i] = needed;
            kept += needed ? 1 : 0;
        }

        var result = new LoadTrace[kept];
        int n = 0;
        for (int i = 0; i < traces.Length; i++)
        {
            if (keep[i])
            {
                result[n++] = traces[i];
            }
        }

        return result;
    }

    private static readonly MuscleLoad Lowest = new(double.NegativeInfinity, double.NegativeInfinity, double.NegativeInfinity, double.NegativeInfinity, double.NegativeInfinity);

    /// <summary>True when <paramref name="later"/> equals or exceeds <paramref name="load"/> in every group (false with a NaN).</summary>
    private static bool Covers(MuscleLoad later, MuscleLoad load) =>
        later.Calves >= load.Calves && later.Shins >= load.Shins && later.Quadriceps >= load.Quadriceps
        && later.Hamstrings >= load.Hamstrings && later.Glutes >= load.Glutes;
}
