using RunRecovery.Scoring.Planning;

namespace RunRecovery.Scoring.Load;

/// <summary>Where HRmax came from, in order of preference (docs/recovery-model.md §2.1).</summary>
public enum HeartRateMaxSource
{
    Profile,
    Tanaka,
    HighestSeen,
    None,
}

/// <summary>The HRmax/HRrest pair used for one activity.</summary>
public readonly record struct HeartRateBasis(double MaxBpm, double RestBpm, HeartRateMaxSource Source)
{
    /// <summary>Tanaka 2001: HRmax = 208 − 0.7 × age (research §2.1).</summary>
    public static double Tanaka(int age) => 208 - (0.7 * age);

    /// <summary>Profile HRmax, else Tanaka from the birth year, else the highest heart rate seen so far.</summary>
    public static HeartRateBasis Resolve(RunnerProfile profile, DateTimeOffset atUtc, double highestSeenBpm)
    {
        double rest = profile.RestingHeartRateBpm ?? Trimp.DefaultRestingHeartRateBpm;
        if (profile.MaxHeartRateBpm is { } max)
        {
            return new HeartRateBasis(max, rest, HeartRateMaxSource.Profile);
        }

        if (profile.AgeAt(atUtc) is { } age && age is > 0 and < 120)
        {
            return new HeartRateBasis(Tanaka(age), rest, HeartRateMaxSource.Tanaka);
        }

        return highestSeenBpm > rest
            ? new HeartRateBasis(highestSeenBpm, rest, HeartRateMaxSource.HighestSeen)
            : new HeartRateBasis(0, rest, HeartRateMaxSource.None);
    }
}
