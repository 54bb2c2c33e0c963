using RunRecovery.Scoring.Planning;

namespace RunRecovery.Application.Persistence;

/// <summary>What personalises the recovery model for one runner, plus their webhook. Absent row: every default.</summary>
public sealed class RunnerSettings
{
    public Guid RunnerId { get; set; }

    public int? BirthYear { get; set; }

    public Sex Sex { get; set; }

    public int? MaxHeartRateBpm { get; set; }

    public int? RestingHeartRateBpm { get; set; }

    public ExperienceLevel Experience { get; set; } = ExperienceLevel.Intermediate;

    public double? WeeklyDistanceKm { get; set; }

    public List<MassageTool> Tools { get; set; } = [];

    public TimeOnly? MassageWindowStart { get; set; }

    public TimeOnly? MassageWindowEnd { get; set; }

    /// <summary>https URL that receives due recommendations; null for none.</summary>
    public string? WebhookUrl { get; set; }

    /// <summary>Per-runner HMAC-SHA256 key for webhook signatures (base64url, 256 bits).</summary>
    public string? WebhookSecret { get; set; }

    public double? WeightKg { get; set; }

    /// <summary>Local wake-up and bed times (07:00 and 22:00 when null): advice lands in between.</summary>
    public TimeOnly? WakeTime { get; set; }

    public TimeOnly? BedTime { get; set; }

    /// <summary>Display units for the dashboard; the API stays SI.</summary>
    public UnitSystem Units { get; set; } = UnitSystem.Metric;

    public DateTimeOffset UpdatedAt { get; set; }

    public RunRecovery.Scoring.Planning.RunnerProfile ToModel(string timeZone) => new()
    {
        BirthYear = BirthYear,
        Sex = Sex,
        MaxHeartRateBpm = MaxHeartRateBpm,
        RestingHeartRateBpm = RestingHeartRateBpm,
        Experience = Experience,
        WeeklyDistanceKm = WeeklyDistanceKm,
        Tools = Tools,
        MassageWindow = MassageWindowStart is { } start && MassageWindowEnd is { } end ? new TimeWindow(start, end) : null,
        WeightKg = WeightKg,
        WakeTime = WakeTime ?? new TimeOnly(7, 0),
        BedTime = BedTime ?? new TimeOnly(22, 0),
        TimeZone = timeZone,
        WebhookUrl = WebhookUrl,
    };
}
