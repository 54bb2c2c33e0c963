using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace RunRecovery.Application.Persistence.Configurations;

public sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> builder)
    {
        builder.ToTable("idempotency_keys");
        builder.HasKey(record => new { record.Principal, record.Key });
        builder.Property(record => record.Principal).HasMaxLength(100);
        builder.Property(record => record.Key).HasMaxLength(255);
        builder.HasOne<Runner>().WithMany().HasForeignKey(record => record.RunnerId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(record => record.ExpiresAt);
    }
}
