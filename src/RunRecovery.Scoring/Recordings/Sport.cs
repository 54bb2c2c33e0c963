namespace RunRecovery.Scoring.Recordings;

/// <summary>
/// Sports the model distinguishes (docs/recovery-model.md §3: <c>MuscularLoadModel.SportFactors</c>). Stored by name in
/// load inputs; the file formats' own sport of the same name maps to each (<c>RunRecovery.Analysis.RecordingMapper</c>).
/// </summary>
public enum Sport
{
    /// <summary>The recording does not say: cardio load only.</summary>
    Unknown,

    /// <summary>Loads the running muscles in full (level, climbing and descending).</summary>
    Running,

    /// <summary>Loads the running muscles in part (40 % on the level, descents at 80 %).</summary>
    Walking,

    /// <summary>As walking.</summary>
    Hiking,

    /// <summary>Cardio load only.</summary>
    Cycling,

    /// <summary>Cardio load only.</summary>
    Swimming,

    /// <summary>Cardio load only.</summary>
    Rowing,

    /// <summary>A multisport file's change between legs: cardio load only.</summary>
    Transition,

    /// <summary>A multisport recording as a whole: cardio load only (a multi-session file gives one input per session).</summary>
    Multisport,

    /// <summary>A device's catch-all sport: cardio load only.</summary>
    Generic,

    /// <summary>Any other sport: cardio load only.</summary>
    Other,
}
