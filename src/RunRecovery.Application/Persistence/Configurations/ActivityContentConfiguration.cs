using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace RunRecovery.Application.Persistence.Configurations;

public sealed class ActivityContentConfiguration : IEntityTypeConfiguration<ActivityContent>
{
    public void Configure(EntityTypeBuilder<ActivityContent> builder)
    {
        builder.ToTable("activity_contents");
        builder.HasKey(content => content.ActivityId);
        builder.HasOne<Activity>().WithOne().HasForeignKey<ActivityContent>(content => content.ActivityId).OnDelete(DeleteBehavior.Cascade);
    }
}
