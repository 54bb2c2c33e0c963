namespace RunRecovery.Application.Persistence;

/// <summary>The words of <see cref="Activity.ScoringState"/>.</summary>
public static class ActivityScoringState
{
    /// <summary>Stored; the runner's next recompute will score it.</summary>
    public const string Pending = "pending";

    public const string Scored = "scored";

    /// <summary>The file has no usable start time (a device-relative clock), so it cannot be placed in the series.</summary>
    public const string Unscorable = "unscorable";

    /// <summary>The runner excluded it from the load (<see cref="Activity.ExcludeFromLoad"/>): listed, never scored.</summary>
    public const string Excluded = "excluded";
}
