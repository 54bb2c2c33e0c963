namespace RunRecovery.Scoring.Planning;

/// <summary>A runner's own report for one body part on one local day (checkins.json, docs/recovery-model.md §9).</summary>
/// <param name="Soreness">0 (none) to 10 (worst imaginable).</param>
/// <param name="Pain">The runner says it is pain rather than ordinary muscle soreness.</param>
public sealed record SorenessCheckin(DateOnly Date, BodyPart BodyPart, int Soreness, bool Pain = false, string? Note = null);

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
