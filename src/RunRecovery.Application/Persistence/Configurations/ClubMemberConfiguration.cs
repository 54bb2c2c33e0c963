using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace RunRecovery.Application.Persistence.Configurations;

public sealed class ClubMemberConfiguration : IEntityTypeConfiguration<ClubMember>
{
    public void Configure(EntityTypeBuilder<ClubMember> builder)
    {
        builder.ToTable("club_members");
        builder.HasKey(member => new { member.ClubId, member.RunnerId });
        builder.Property(member => member.Role).HasMaxLength(16);
        builder.Property(member => member.ExternalId).HasMaxLength(ClubRules.MaxExternalIdLength);
        builder.Ignore(member => member.IsAdmin);
        builder.HasOne<Club>().WithMany().HasForeignKey(member => member.ClubId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Runner>().WithMany().HasForeignKey(member => member.RunnerId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(member => member.RunnerId);
        builder.HasIndex(member => new { member.ClubId, member.ExternalId }).IsUnique().HasFilter("external_id IS NOT NULL");
        builder.HasIndex(member => member.ClaimCodeHash).IsUnique().HasFilter("claim_code_hash IS NOT NULL");
    }
}
