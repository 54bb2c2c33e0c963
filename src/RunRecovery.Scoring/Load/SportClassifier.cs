using RunRecovery.Scoring.Recordings;

namespace RunRecovery.Scoring.Load;

/// <summary>
/// A sport for files that state none (a GPX or TCX without a type, a FIT "generic" session), from speed and cadence
/// (docs/recovery-model.md §2.4). A 66-minute run at 5:30/km is a run, not "unknown" with zero muscle load.
/// </summary>
public static class SportClassifier
{
    /// <summary>Below this moving speed (m/s, 6.8 km/h) a foot activity is walking: people switch from walking to
    /// running near 2.0 m/s (Hreljac 1993, preferred transition speed 2.06 m/s); 1.9 leaves room for slow joggers
    /// to count as running only when their cadence says so. docs §2.4.</summary>
    public const double WalkingBelowSpeed = 1.9;

    /// <summary>Above this moving speed (m/s, 23.4 km/h) the activity is a ride: faster than any sustained run
    /// (the marathon world record is about 5.9 m/s). Our assumption, docs §2.4.</summary>
    public const double CyclingAboveSpeed = 6.5;

    /// <summary>A fast sample speed (m/s, 30.6 km/h) that runners do not reach for a twentieth of an activity, but
    /// riders on descents do. Our assumption, docs §2.4.</summary>
    public const double CyclingFastSampleSpeed = 8.5;

    /// <summary>Running cadence is 150–200 steps/min; walking 90–135. Files write strides (one foot) per minute for
    /// foot sports, so a median under 120 is doubled first. The 140-step boundary is our assumption, docs §2.4.</summary>
    public const double RunningMinStepsPerMinute = 140;

    /// <summary>The sport to score <paramref name="input"/> as: its own when the file states one, otherwise a guess
    /// from speed and cadence (unknown when there is no distance or time to judge from).</summary>
    public static Sport Classify(ActivityLoadInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Sport is not (Sport.Unknown or Sport.Generic))
        {
            return input.Sport;
        }

        double seconds = input.MovingTime.TotalSeconds;
        if (seconds <= 0 || input.DistanceMeters <= 0)
        {
            return input.Sport;
        }

        double speed = input.DistanceMeters / seconds;
        (double? stepsPerMinute, double fastShare) = FromSamples(input);
        stepsPerMinute ??= input.AvgCadenceStepsPerMinute;
        if (speed > CyclingAboveSpeed || fastShare > 0.05)
        {
            return Sport.Cycling;
        }

        if (speed < WalkingBelowSpeed)
        {
            return stepsPerMinute >= RunningMinStepsPerMinute ? Sport.Running : Sport.Walking;
        }

        // A steady 1.9–6.5 m/s on foot is running. A cadence far below walking steps at riding speeds is pedalling.
        if (stepsPerMinute is { } cadence && cadence < RunningMinStepsPerMinute)
        {
            return speed >= 4.0 ? Sport.Cycling : Sport.Walking;
        }

        return Sport.Running;
    }

    /// <summary>Median sample cadence as steps/min (strides doubled) and the share of samples faster than
    /// <see cref="CyclingFastSampleSpeed"/>.</summary>
    private static (double? StepsPerMinute, double FastShare) FromSamples(ActivityLoadInput input)
    {
        var samples = input.Samples;
        if (samples.Count == 0)
        {
            return (null, 0);
        }

        var cadences = new List<double>();
        int withSpeed = 0, fast = 0;
        SampleColumn<double> cadence = samples.CadenceRpm, speed = samples.SpeedMetersPerSecond;
        for (int i = 0; i < samples.Count; i++)
        {
            if (cadence.Has(i) && cadence[i] is > 0 and var c)
            {
                cadences.Add(c);
            }

            if (speed.Has(i) && speed[i] is var v)
            {
                withSpeed++;
                if (v > CyclingFastSampleSpeed)
                {
                    fast++;
                }
            }
        }

        double? steps = null;
        if (cadences.Count > 0)
        {
            cadences.Sort();
            double median = cadences[cadences.Count / 2];
            steps = median < 120 ? median * 2 : median;
        }

        return (steps, withSpeed > 0 ? (double)fast / withSpeed : 0);
    }
}
