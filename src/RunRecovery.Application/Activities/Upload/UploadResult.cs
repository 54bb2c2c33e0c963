using RunRecovery.Application.Activities.Ingest;

namespace RunRecovery.Application.Activities.Upload;

/// <summary>The answer to an upload (docs/api.md, "Uploads"): what happened to each file, in request order.</summary>
public sealed record UploadResult(IReadOnlyList<FileOutcome> Files)
{
    public bool Single => Files.Count == 1;
}

/// <summary>
/// One file's outcome as the API shows it: "created" (201, <see cref="Activity"/> set), "duplicate" (200,
/// <see cref="DuplicateOf"/> and <see cref="Link"/> name the stored activity) or "failed" (<see cref="Error"/> says
/// why; nothing stored), with the HTTP status that outcome answers alone.
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
