namespace RunRecovery.Application.Persistence;

/// <summary>
/// How the runner wants distances, paces and heights shown (the dashboard; the CLI's tables take a flag). The API
/// itself always answers in SI units: metres, seconds, seconds per kilometre.
/// </summary>
public enum UnitSystem
{
    /// <summary>Kilometres, minutes per kilometre, metres (the default).</summary>
    Metric,

    /// <summary>Miles (1609.344 m), minutes per mile, feet (0.3048 m).</summary>
    Imperial,
}
