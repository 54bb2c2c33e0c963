using System.Text.Json;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace RunRecovery.Application.Persistence.Configurations;

public sealed class StoredRecommendationConfiguration : IEntityTypeConfiguration<StoredRecommendation>
{
    /// <summary>camelCase step JSON: { action, bodyPart, technique, tool, minutes } (the migration writes the same names).</summary>
    public static readonly JsonSerializerOptions StepJson = new(JsonSerializerDefaults.Web);

    public void Configure(EntityTypeBuilder<StoredRecommendation> builder)
    {
        builder.ToTable("recommendations");
        builder.HasKey(recommendation => recommendation.Id);
        builder.Property(recommendation => recommendation.Id).ValueGeneratedNever();
        builder.HasOne<Runner>().WithMany().HasForeignKey(recommendation => recommendation.RunnerId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(recommendation => recommendation.Key).HasMaxLength(300);
        builder.Property(recommendation => recommendation.Kind).HasMaxLength(40);
        builder.Property(recommendation => recommendation.Status).HasMaxLength(20);
        builder.Property(recommendation => recommendation.DeliveryState).HasMaxLength(20);
        builder.Property(recommendation => recommendation.DismissReason).HasMaxLength(1000);
        builder.Property(recommendation => recommendation.WithdrawReason).HasMaxLength(1000);
        builder.Property(recommendation => recommendation.Question).HasMaxLength(500);
        builder.Property(recommendation => recommendation.Trigger).HasMaxLength(40);
        builder.Property(recommendation => recommendation.Steps).HasColumnType("jsonb").HasDefaultValueSql("'[]'::jsonb").HasConversion(
            value => JsonSerializer.Serialize(value, StepJson),
            json => JsonSerializer.Deserialize<List<StoredRecommendationStep>>(json, StepJson) ?? new List<StoredRecommendationStep>(),
            new ValueComparer<List<StoredRecommendationStep>>(
                (a, b) => a!.SequenceEqual(b!),
                value => value.Count,
                value => value.ToList()));
        builder.PrimitiveCollection(recommendation => recommendation.ActivityIds).HasDefaultValueSql("'{}'::text[]");
        builder.HasIndex(recommendation => new { recommendation.RunnerId, recommendation.Key }).IsUnique();
        builder.HasIndex(recommendation => new { recommendation.RunnerId, recommendation.DueUtc });
        builder.HasIndex(recommendation => new { recommendation.DeliveryState, recommendation.DueUtc });
    }
}
