using RunRecovery.Application.Rescoring;

namespace RunRecovery.Application.Activities.Ingest;

/// <summary>
/// One file's outcome. <see cref="Activity"/> is set for <see cref="IngestOutcome.Created"/>; <see cref="DuplicateOf"/>
/// and <see cref="DuplicateReason"/> ("same-file", "same-activity") for <see cref="IngestOutcome.Duplicate"/>;
/// <see cref="Error"/> for every other outcome. A created file the reader found odd but readable lists its <see cref="Warnings"/>.
/// </summary>
public sealed record IngestResult(
    string? FileName,
    IngestOutcome Outcome,
    ActivitySummary? Activity = null,
    Guid? DuplicateOf = null,
    string? DuplicateReason = null,
    FileError? Error = null,
    IReadOnlyList<FileError>? Warnings = null)
{
    /// <summary>Set when the activity was stored: the scoring request to complete once the caller's transaction commits.</summary>
    internal ScoringTicket? Scoring { get; init; }

    /// <summary>Set when the activity was stored for a runner with a webhook: the <c>activity.created</c> event to enqueue after the commit.</summary>
    internal Webhooks.ActivityEvent? Event { get; init; }

    public static IngestResult Refused(string? fileName, IngestOutcome outcome, FileError error) => new(fileName, outcome, Error: error);
}

/// <summary>The reason a file was refused, or a warning about it: a stable code ("truncated", "crc-mismatch",
/// "unsupported-format", "too-large"…), a message, and the byte offset when one applies.</summary>
public sealed record FileError(string Code, string Message, long? Offset);
