using RunRecovery.Scoring.Planning;

namespace RunRecovery.Application.Persistence;

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
