using RunRecovery.Application.Activities.Ingest;

namespace RunRecovery.Application.Activities.Upload;

/// <summary>One or more files from one request; each is parsed and stored (or refused) on its own, in request order
/// (entries of an archive each count as a file).</summary>
public sealed record UploadActivities(Guid RunnerId, IReadOnlyList<UploadedFile> Files) : ICommand<IReadOnlyList<IngestResult>>;

/// <param name="TooLarge">The file passed the size limit and was not read; <see cref="Content"/> is empty.</param>
public sealed record UploadedFile(string? FileName, ReadOnlyMemory<byte> Content, bool TooLarge = false);
