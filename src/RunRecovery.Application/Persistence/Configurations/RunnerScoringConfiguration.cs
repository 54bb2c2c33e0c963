using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace RunRecovery.Application.Persistence.Configurations;

public sealed class RunnerScoringConfiguration : IEntityTypeConfiguration<RunnerScoring>
{
    public void Configure(EntityTypeBuilder<RunnerScoring> builder)
    {
        builder.ToTable("runner_scoring");
        builder.HasKey(state => state.RunnerId);
        builder.HasOne<Runner>().WithOne().HasForeignKey<RunnerScoring>(state => state.RunnerId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(state => new { state.JobPending, state.RequestedAt });
    }
}
