using System.Globalization;
using RunRecovery.Application.Rescoring;
using RunRecovery.Formats.Errors;
using RunRecovery.Formats.Model;

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

    /// <summary>The reader's refusal: an unknown format counts apart from every kind of damage.</summary>
    public static IngestResult Refused(string? fileName, ActivityFileException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        IngestOutcome outcome = error.Code == "unsupported-format" ? IngestOutcome.Unsupported : IngestOutcome.Unreadable;
        return Refused(fileName, outcome, new FileError(error.Code, error.Message, error.Offset));
    }

    /// <summary>Refuses, before anything is read, a file whose name cannot be stored or that has no bytes; null when it may be read.</summary>
    public static IngestResult? RefusedUnread(string? fileName, ReadOnlyMemory<byte> content)
    {
        if (fileName is { } name && name.Contains('\0', StringComparison.Ordinal))
        {
            // PostgreSQL text cannot hold NUL; the name is the client's label, so the client must fix it.
            return Refused(name.Replace('\0', '\uFFFD'), IngestOutcome.InvalidName, new FileError(
                "invalid-file-name", "The file name contains a NUL character; send the name without it.", null));
        }

        return content.IsEmpty
            ? Refused(fileName, IngestOutcome.Empty, new FileError("empty-file", $"{fileName ?? "The file"} is empty (0 bytes).", null))
            : null;
    }
}

/// <summary>The reason a file was refused, or a warning about it: a stable code ("truncated", "crc-mismatch",
/// "unsupported-format", "too-large"…), a message, and the byte offset when one applies.</summary>
public sealed record FileError(string Code, string Message, long? Offset)
{
    /// <summary>The warning a file that ends early is stored with (<see cref="ActivityPlausibility.Salvageable"/>).</summary>
    public static FileError Truncated(FormatError cut)
    {
        ArgumentNullException.ThrowIfNull(cut);
        return new FileError(
            cut.Code,
            $"The file ends early ({cut.Message}); what was recorded before byte {cut.Offset?.ToString(CultureInfo.InvariantCulture) ?? "?"} is stored and its totals are computed from the samples.",
            cut.Offset);
    }
}
