using RunRecovery.Scoring.Planning;

namespace RunRecovery.Application.Persistence;

/// <summary>
/// A runner's report for one local day. Since issue 14 one row is one check-in of the contract
/// (docs/schemas/checkin.schema.json): a body part's soreness with pain severity, character and red flags, a morning
/// report (overall soreness, sleep, resting heart rate), or both. Rows written before issue 14 hold several parts in
/// <see cref="Soreness"/> with a pain flag; they still read (as pain of unknown severity).
/// </summary>
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

    /// <summary>Pain 0–10 of the reported part (null: not given, or a row from before issue 14).</summary>
    public int? PainSeverity { get; set; }

    /// <summary>sharp, dull or aching.</summary>
    public PainCharacter? PainCharacter { get; set; }

    public List<RedFlag> RedFlags { get; set; } = [];

    /// <summary>Morning report: overall soreness 0–10.</summary>
    public int? OverallSoreness { get; set; }

    /// <summary>Morning report: resting heart rate on waking.</summary>
    public int? RestingHeartRateBpm { get; set; }

    public string? Note { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public IEnumerable<SorenessCheckin> ToModel() =>
        Soreness.Select(part => new SorenessCheckin(
            Date, part.Key, part.Value, PainSeverity is null && Pain && (PainBodyParts.Count == 0 || PainBodyParts.Contains(part.Key)), Note)
        {
            PainSeverity = PainSeverity,
            PainCharacter = PainCharacter,
            RedFlags = RedFlags,
        });

    /// <summary>The morning report, when the row has one (rows from before issue 14 with a sleep rating count too).</summary>
    public MorningCheckin? Morning() =>
        OverallSoreness is null && SleepQuality is null && RestingHeartRateBpm is null
            ? null
            : new MorningCheckin(Date, OverallSoreness, SleepQuality, RestingHeartRateBpm);
}
