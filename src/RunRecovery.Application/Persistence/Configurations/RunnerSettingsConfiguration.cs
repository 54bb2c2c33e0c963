using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace RunRecovery.Application.Persistence.Configurations;

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
