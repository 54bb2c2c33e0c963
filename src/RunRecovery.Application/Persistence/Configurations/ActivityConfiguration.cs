using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace RunRecovery.Application.Persistence.Configurations;

public sealed class ActivityConfiguration : IEntityTypeConfiguration<Activity>
{
    public void Configure(EntityTypeBuilder<Activity> builder)
    {
        builder.ToTable("activities");
        builder.HasKey(activity => activity.Id);
        builder.Property(activity => activity.Id).ValueGeneratedNever();
        builder.HasOne<Runner>().WithMany().HasForeignKey(activity => activity.RunnerId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(activity => activity.FileName).HasMaxLength(500);
        builder.Property(activity => activity.Name).HasMaxLength(ActivityRules.MaxNameLength);
        builder.Property(activity => activity.Notes).HasMaxLength(ActivityRules.MaxNotesLength);
        builder.Property(activity => activity.ContentType).HasMaxLength(100);
        builder.Property(activity => activity.Format).HasMaxLength(10);
        builder.Property(activity => activity.Sport).HasMaxLength(20);
        builder.Property(activity => activity.ScoringState).HasMaxLength(20);
        builder.Property(activity => activity.ScoringNote).HasMaxLength(500);
        // json, not jsonb: documents the service writes once and reads whole (never queried inside), so PostgreSQL only
        // checks their syntax on insert instead of converting every number to numeric, and hands back the stored text
        // on read instead of printing it again (docs/reliability.md, "Capacity, fourth pass").
        builder.Property(activity => activity.MetricsJson).HasColumnName("metrics").HasColumnType("json");
        builder.Property(activity => activity.SessionsJson).HasColumnName("sessions").HasColumnType("json");
        builder.Property(activity => activity.LoadInputsJson).HasColumnName("load_inputs").HasColumnType("json");
        builder.Property(activity => activity.LoadsJson).HasColumnName("loads").HasColumnType("json"); // json (not jsonb) keeps the text as written, so a recompute can skip unchanged rows
        builder.HasIndex(activity => new { activity.RunnerId, activity.Sha256 }).IsUnique();
        builder.HasIndex(activity => new { activity.RunnerId, activity.SortTime, activity.Id }).IsDescending(false, true, true);
        builder.HasIndex(activity => new { activity.RunnerId, activity.StartUtc });
        builder.HasIndex(activity => new { activity.ScoringState, activity.UploadedAt });
        builder.HasIndex(activity => activity.Id).HasDatabaseName("ix_activities_sessions_unread").HasFilter("sessions IS NULL"); // the sessions backfill's queue
    }
}
