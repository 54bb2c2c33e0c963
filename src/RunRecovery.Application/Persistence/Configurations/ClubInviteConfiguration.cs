using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace RunRecovery.Application.Persistence.Configurations;

public sealed class ClubInviteConfiguration : IEntityTypeConfiguration<ClubInvite>
{
    public void Configure(EntityTypeBuilder<ClubInvite> builder)
    {
        builder.ToTable("club_invites");
        builder.HasKey(invite => invite.Id);
        builder.Property(invite => invite.Id).ValueGeneratedNever();
        builder.HasOne<Club>().WithMany().HasForeignKey(invite => invite.ClubId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(invite => invite.CodeHash).IsUnique();
    }
}
