using Mediator;

namespace RunRecovery.Application.Activities.Upload;

/// <summary>One or more files from one request; each is parsed and stored (or refused) on its own.</summary>
public sealed record UploadActivities(Guid RunnerId, IReadOnlyList<UploadedFile> Files) : ICommand<UploadResult>;

/// <param name="TooLarge">The file passed the size limit and was not read; <see cref="Content"/> is empty.</param>
public sealed record UploadedFile(string? FileName, ReadOnlyMemory<byte> Content, bool TooLarge = false);

/// <summary>What happened to each file, in request order (entries of an archive each count as a file).</summary>
public sealed record UploadResult(IReadOnlyList<FileOutcome> Files)
{
    public bool Single => Files.Count == 1;
}

/// <summary>
/// One file's outcome: "created" (201, <see cref="Activity"/> set), "duplicate" (200, <see cref="DuplicateOf"/>
/// and <see cref="Link"/> name the stored activity) or "failed" (<see cref="Error"/> says why; nothing stored).
/// A created file the reader found odd but readable (a file CRC mismatch, a heart rate of 400 left out…) lists
/// the reader's <see cref="Warnings"/>.
/// </summary>
public sealed record FileOutcome(
    string? FileName,
    string Outcome,
    int Status,
    string? Link = null,
    Guid? DuplicateOf = null,
    string? DuplicateReason = null,
    ActivitySummary? Activity = null,
    FileError? Error = null,
    IReadOnlyList<FileError>? Warnings = null)
{
    public const string Created = "created";
    public const string Duplicate = "duplicate";
    public const string Failed = "failed";
}

/// <summary>The reader's reason: a stable code ("truncated", "crc-mismatch", "unsupported-format", "too-large"…),
/// a message, and the byte offset when one applies.</summary>
public sealed record FileError(string Code, string Message, long? Offset);
