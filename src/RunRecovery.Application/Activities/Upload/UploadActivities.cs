using RunRecovery.Application.Activities.Ingest;

namespace RunRecovery.Application.Activities.Upload;

/// <summary>One or more files from one request; each is parsed and stored (or refused) on its own, in request order
/// (entries of an archive each count as a file).</summary>
public sealed record UploadActivities(Guid RunnerId, IReadOnlyList<UploadedFile> Files) : ICommand<IReadOnlyList<IngestResult>>;

/// <param name="TooLarge">The file passed the size limit and was not read; <see cref="Content"/> is empty.</param>
public sealed record UploadedFile(string? FileName, ReadOnlyMemory<byte> Content, bool TooLarge = false)
{
    /// <summary>A large file spooled to disk as it arrived (<see cref="Content"/> is then empty); the request owns it.</summary>
    public SpooledContent? Spooled { get; init; }
}
