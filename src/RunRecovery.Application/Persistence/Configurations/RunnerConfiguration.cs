using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace RunRecovery.Application.Persistence.Configurations;

public sealed class RunnerConfiguration : IEntityTypeConfiguration<Runner>
{
    public void Configure(EntityTypeBuilder<Runner> builder)
    {
        builder.ToTable("runners");
        builder.HasKey(runner => runner.Id);
        builder.Property(runner => runner.Id).ValueGeneratedNever();
        builder.Property(runner => runner.Name).HasMaxLength(RunnerRules.MaxNameLength);
        builder.Property(runner => runner.Email).HasMaxLength(RunnerRules.MaxEmailLength);
        builder.Property(runner => runner.TimeZone).HasMaxLength(RunnerRules.MaxTimeZoneLength);
        builder.HasIndex(runner => runner.Email).IsUnique();
        builder.HasIndex(runner => runner.ApiKeyHash).IsUnique();
        builder.Property(runner => runner.RecoveryCodeHash).HasMaxLength(32);
    }
}
