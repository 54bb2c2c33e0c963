using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace RunRecovery.Application.Persistence.Configurations;

public sealed class StoredRecommendationConfiguration : IEntityTypeConfiguration<StoredRecommendation>
{
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
        builder.HasIndex(recommendation => new { recommendation.RunnerId, recommendation.Key }).IsUnique();
        builder.HasIndex(recommendation => new { recommendation.RunnerId, recommendation.DueUtc });
        builder.HasIndex(recommendation => new { recommendation.DeliveryState, recommendation.DueUtc });
    }
}
