using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace RunRecovery.Application.Persistence.Configurations;

public sealed class ClubImportConfiguration : IEntityTypeConfiguration<ClubImport>
{
    public void Configure(EntityTypeBuilder<ClubImport> builder)
    {
        builder.ToTable("club_imports");
        builder.HasKey(import => import.Id);
        builder.Property(import => import.Id).ValueGeneratedNever();
        builder.Property(import => import.FileName).HasMaxLength(500);
        builder.Property(import => import.State).HasMaxLength(32);
        builder.Property(import => import.Layout).HasMaxLength(16);
        builder.Property(import => import.ErrorCode).HasMaxLength(64);
        builder.HasOne<Club>().WithMany().HasForeignKey(import => import.ClubId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(import => new { import.ClubId, import.CreatedAt });
        builder.HasIndex(import => import.State);
    }
}
