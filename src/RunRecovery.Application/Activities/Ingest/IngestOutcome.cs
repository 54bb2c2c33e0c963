namespace RunRecovery.Application.Activities.Ingest;

/// <summary>What became of one file offered for storage. Only endpoints turn these into HTTP statuses.</summary>
public enum IngestOutcome
{
    /// <summary>Stored as a new activity; its runner's scoring was requested.</summary>
    Created,

    /// <summary>Already stored for this runner: the same bytes, or the same activity from another device or format.</summary>
    Duplicate,

    /// <summary>The file has no bytes.</summary>
    Empty,

    /// <summary>The file's name cannot be stored (a NUL character).</summary>
    InvalidName,

    /// <summary>Larger than the limit for one file; not read.</summary>
    TooLarge,

    /// <summary>Not a FIT, GPX or TCX file (nor an archive of them).</summary>
    Unsupported,

    /// <summary>Damaged: truncated, corrupt, malformed, an unsafe or broken archive.</summary>
    Unreadable,

    /// <summary>Readable, but not a recorded activity (FIT settings, a course, a route without times).</summary>
    NotAnActivity,

    /// <summary>A start date outside the accepted window (a reset or wrong device clock).</summary>
    Implausible,

    /// <summary>Nothing to store: no samples and no session with a duration, or an archive without activity files.</summary>
    NoData,
}
