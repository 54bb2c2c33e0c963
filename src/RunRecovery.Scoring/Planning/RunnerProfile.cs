namespace RunRecovery.Scoring.Planning;

/// <summary>
/// Everything we know about the runner that personalises the model (profile.json, docs/recovery-model.md §9).
/// Every field is optional; the documented defaults apply when a value is missing.
/// </summary>
public sealed record RunnerProfile
{
    public int? BirthYear { get; init; }

    public Sex Sex { get; init; } = Sex.Unknown;

    public int? MaxHeartRateBpm { get; init; }

    public int? RestingHeartRateBpm { get; init; }

    public ExperienceLevel Experience { get; init; } = ExperienceLevel.Intermediate;

    /// <summary>Typical weekly running distance before the first activity we see; seeds the chronic load.</summary>
    public double? WeeklyDistanceKm { get; init; }

    public double? WeightKg { get; init; }

    /// <summary>Tools the runner owns; hands are always available.</summary>
    public IReadOnlyList<MassageTool> Tools { get; init; } = [];

    /// <summary>Preferred local time window for massage (e.g. 19:00–21:00).</summary>
    public TimeWindow? MassageWindow { get; init; }

    public TimeOnly WakeTime { get; init; } = new(7, 0);

    public TimeOnly BedTime { get; init; } = new(22, 0);

    /// <summary>IANA (or Windows) time zone id; UTC when missing.</summary>
    public string? TimeZone { get; init; }

    /// <summary>How the dashboard and tables show distances; the API and the model stay SI.</summary>
    public DistanceUnits Units { get; init; } = DistanceUnits.Metric;

    /// <summary>https URL that receives due recommendations (used by the service; the CLI ignores it).</summary>
    public string? WebhookUrl { get; init; }

    public static RunnerProfile Default { get; } = new();

    public int? AgeAt(DateTimeOffset utc) => BirthYear is { } year ? utc.Year - year : null;

    public bool Owns(MassageTool tool) => tool == MassageTool.Hands || Tools.Contains(tool);
}

public enum Sex
{
    Unknown,
    Male,
    Female,
}

public enum DistanceUnits
{
    Metric,
    Imperial,
}

public enum ExperienceLevel
{
    Beginner,
    Intermediate,
    Advanced,
}

public enum MassageTool
{
    Hands,
    FoamRoller,
    MassageGun,
    TennisBall,
}

/// <summary>A local time-of-day window; <see cref="End"/> before <see cref="Start"/> is not supported.</summary>
public sealed record TimeWindow(TimeOnly Start, TimeOnly End);
