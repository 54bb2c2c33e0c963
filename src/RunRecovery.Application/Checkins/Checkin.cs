using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RunRecovery.Application.Runners;
using RunRecovery.Scoring.Planning;

namespace RunRecovery.Application.Checkins;

/// <summary>A runner's report for one local day: soreness per body part, pain, sleep and a note.</summary>
public sealed class Checkin
{
    public Guid Id { get; set; }

    public Guid RunnerId { get; set; }

    public DateOnly Date { get; set; }

    /// <summary>Soreness 0–10 by body part.</summary>
    public Dictionary<BodyPart, int> Soreness { get; set; } = [];

    public bool Pain { get; set; }

    /// <summary>Where the pain is; empty with <see cref="Pain"/> means every reported part.</summary>
    public List<BodyPart> PainBodyParts { get; set; } = [];

    /// <summary>1 (very poor) to 5 (very good).</summary>
    public int? SleepQuality { get; set; }

    public string? Note { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public IEnumerable<SorenessCheckin> ToModel() =>
        Soreness.Select(part => new SorenessCheckin(
            Date, part.Key, part.Value, Pain && (PainBodyParts.Count == 0 || PainBodyParts.Contains(part.Key)), Note));
}

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
        builder.Property(checkin => checkin.Note).HasMaxLength(2000);
        builder.HasIndex(checkin => new { checkin.RunnerId, checkin.Date });
    }
}
