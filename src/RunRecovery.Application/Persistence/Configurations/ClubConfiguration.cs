using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace RunRecovery.Application.Persistence.Configurations;

public sealed class ClubConfiguration : IEntityTypeConfiguration<Club>
{
    public void Configure(EntityTypeBuilder<Club> builder)
    {
        builder.ToTable("clubs");
        builder.HasKey(club => club.Id);
        builder.Property(club => club.Id).ValueGeneratedNever();
        builder.Property(club => club.Name).HasMaxLength(ClubRules.MaxNameLength);
    }
}
