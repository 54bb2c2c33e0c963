using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace RunRecovery.Application.Persistence.Configurations;

public sealed class ClubImportEntryConfiguration : IEntityTypeConfiguration<ClubImportEntry>
{
    public void Configure(EntityTypeBuilder<ClubImportEntry> builder)
    {
        builder.ToTable("club_import_entries");
        builder.HasKey(entry => new { entry.ImportId, entry.Ordinal });
        builder.Property(entry => entry.Path).HasMaxLength(1000);
        builder.Property(entry => entry.Outcome).HasMaxLength(16);
        builder.Property(entry => entry.Code).HasMaxLength(64);
        builder.Property(entry => entry.Message).HasMaxLength(2000);
        builder.HasOne<ClubImport>().WithMany().HasForeignKey(entry => entry.ImportId).OnDelete(DeleteBehavior.Cascade);
    }
}
