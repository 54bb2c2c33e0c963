namespace RunRecovery.Scoring.Load;

/// <summary>The running muscle groups we track (docs/recovery-model.md §3, after Eston 1995).</summary>
public enum MuscleGroup
{
    Calves,
    Shins,
    Quadriceps,
    Hamstrings,
    Glutes,
}
