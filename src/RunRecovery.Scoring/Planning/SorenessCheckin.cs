namespace RunRecovery.Scoring.Planning;

/// <summary>A runner's own report for one body part on one local day (checkins.json, docs/recovery-model.md §9).</summary>
/// <param name="Soreness">0 (none) to 10 (worst imaginable).</param>
/// <param name="Pain">Pain rather than ordinary muscle soreness, severity unknown (the contract before issue 14; read as
/// pain that needs a professional's look). New reports give <see cref="PainSeverity"/> instead.</param>
public sealed record SorenessCheckin(DateOnly Date, BodyPart BodyPart, int Soreness, bool Pain = false, string? Note = null)
{
    /// <summary>Pain 0 (none) to 10 (worst imaginable), as distinct from soreness.</summary>
    public int? PainSeverity { get; init; }

    /// <summary>What the pain feels like, when there is pain.</summary>
    public PainCharacter? PainCharacter { get; init; }

    /// <summary>Warning signs that need a professional's look at once (docs/recovery-model.md §7.5).</summary>
    public IReadOnlyList<RedFlag> RedFlags { get; init; } = [];

    /// <summary>Any pain: a severity above 0, or the older pain flag.</summary>
    public bool HasPain => Pain || PainSeverity > 0;

    /// <summary>No pain, no red flag and soreness of at most <see cref="FineSoreness"/>: the part is fine again.</summary>
    public bool SaysFine => !HasPain && RedFlags.Count == 0 && Soreness <= FineSoreness;

    /// <summary>Soreness at or below this, without pain or red flags, ends a flag. Our assumption, docs §7.5.</summary>
    public const int FineSoreness = 3;
}

/// <summary>The runner's morning report for one local day: overall soreness, sleep and, optionally, resting heart rate
/// (docs/recovery-model.md §7.4). It shapes that day's advice.</summary>
/// <param name="OverallSoreness">0 (none) to 10.</param>
/// <param name="SleepQuality">1 (very poor) to 5 (very good).</param>
/// <param name="RestingHeartRateBpm">Measured on waking, lying down.</param>
public sealed record MorningCheckin(DateOnly Date, int? OverallSoreness = null, int? SleepQuality = null, int? RestingHeartRateBpm = null);

public enum PainCharacter
{
    Sharp,
    Dull,
    Aching,
}

/// <summary>Signs that make pain a reason to see a professional at once (research baselines-and-red-flags §2).</summary>
public enum RedFlag
{
    Swelling,
    Warmth,
    PainAtRest,
    PainAtNight,
    CannotBearWeight,
}

/// <summary>Body parts a runner can report. The first five are the muscle groups the load model tracks.</summary>
public enum BodyPart
{
    Calves,
    Shins,
    Quadriceps,
    Hamstrings,
    Glutes,
    Feet,
    Ankles,
    Knees,
    Hips,
    LowerBack,
    Other,
}
