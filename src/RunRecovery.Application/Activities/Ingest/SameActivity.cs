namespace RunRecovery.Application.Activities.Ingest;

/// <summary>
/// When a new file is the same activity as a stored one, from another device or format (a "same-activity"
/// duplicate): starts within <see cref="StartTolerance"/> of each other and <see cref="DistancesMatch">distances</see>
/// within <see cref="DistanceTolerance"/> of the longer one.
/// </summary>
public static class SameActivity
{
    /// <summary>Starts within this of each other…</summary>
    public static readonly TimeSpan StartTolerance = TimeSpan.FromSeconds(60);

    /// <summary>…and distances within this share of the longer one.</summary>
    public const double DistanceTolerance = 0.03;

    /// <summary>Within 3 % of the longer distance; two files without a distance count as the same.</summary>
    public static bool DistancesMatch(double? a, double? b) => (a, b) switch
    {
        (null, null) => true,
        ({ } x, { } y) => Math.Abs(x - y) <= DistanceTolerance * Math.Max(Math.Max(x, y), 1),
        _ => false,
    };
}
