namespace RunRecovery.Scoring.Recordings;

/// <summary>
/// Sports the model distinguishes. Running muscle load only comes from <see cref="Running"/>, <see cref="Walking"/>
/// and <see cref="Hiking"/>; other sports count toward cardio load. Stored by name in load inputs.
/// </summary>
public enum Sport
{
    Unknown,
    Running,
    Walking,
    Hiking,
    Cycling,
    Swimming,
    Rowing,
    Transition,
    Multisport,
    Generic,
    Other,
}
