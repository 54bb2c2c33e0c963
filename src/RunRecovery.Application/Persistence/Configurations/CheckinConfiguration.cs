using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RunRecovery.Scoring.Planning;

namespace RunRecovery.Application.Persistence.Configurations;

public sealed class CheckinConfiguration : IEntityTypeConfiguration<Checkin>
{
    public void Configure(EntityTypeBuilder<Checkin> builder)
    {
        builder.ToTable("checkins");
        builder.HasKey(checkin => checkin.Id);
        builder.Property(checkin => checkin.Id).ValueGeneratedNever();
        builder.HasOne<Runner>().WithMany().HasForeignKey(checkin => checkin.RunnerId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(checkin => checkin.Soreness).HasColumnType("jsonb").HasConversion(
            value => System.Text.Json.JsonSerializer.Serialize(value.ToDictionary(p => p.Key.ToString(), p => p.Value), (System.Text.Json.JsonSerializerOptions?)null),
            json => System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, int>>(json, (System.Text.Json.JsonSerializerOptions?)null)!
                .ToDictionary(p => Enum.Parse<BodyPart>(p.Key), p => p.Value),
            new Microsoft.EntityFrameworkCore.ChangeTracking.ValueComparer<Dictionary<BodyPart, int>>(
                (a, b) => a!.Count == b!.Count && !a.Except(b).Any(),
                value => value.Count,
                value => new Dictionary<BodyPart, int>(value)));
        builder.PrimitiveCollection(checkin => checkin.PainBodyParts).ElementType(element => element.HasConversion<string>());
        builder.Property(checkin => checkin.PainCharacter).HasConversion<string>().HasMaxLength(10);
        builder.PrimitiveCollection(checkin => checkin.RedFlags).ElementType(element => element.HasConversion<string>()).HasDefaultValueSql("'{}'::text[]");
        builder.Property(checkin => checkin.Note).HasMaxLength(2000);
        builder.HasIndex(checkin => new { checkin.RunnerId, checkin.Date });
    }
}
