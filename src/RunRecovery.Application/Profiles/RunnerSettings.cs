using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RunRecovery.Application.Runners;
using RunRecovery.Scoring.Planning;

namespace RunRecovery.Application.Profiles;

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
        TimeZone = timeZone,
    };
}

public sealed class RunnerSettingsConfiguration : IEntityTypeConfiguration<RunnerSettings>
{
    public void Configure(EntityTypeBuilder<RunnerSettings> builder)
    {
        builder.ToTable("runner_settings");
        builder.HasKey(settings => settings.RunnerId);
        builder.HasOne<Runner>().WithOne().HasForeignKey<RunnerSettings>(settings => settings.RunnerId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(settings => settings.Sex).HasConversion<string>().HasMaxLength(10);
        builder.Property(settings => settings.Experience).HasConversion<string>().HasMaxLength(20);
        builder.Property(settings => settings.Units).HasConversion<string>().HasMaxLength(10).HasDefaultValue(UnitSystem.Metric).HasSentinel(UnitSystem.Metric);
        builder.PrimitiveCollection(settings => settings.Tools).ElementType(element => element.HasConversion<string>());
        builder.Property(settings => settings.WebhookUrl).HasMaxLength(2000);
        builder.Property(settings => settings.WebhookSecret).HasMaxLength(100);
    }
}
