using System.Runtime.InteropServices;
using Microsoft.Extensions.Options;
using RunRecovery.Application.Activities.Ingest;
using RunRecovery.Application.Persistence;
using RunRecovery.Formats;
using RunRecovery.Formats.Archives;
using RunRecovery.Scoring.Planning;

namespace RunRecovery.Application.Activities.Upload;

/// <summary>
/// Takes each file of the request in turn (each entry of an archive counts as a file) and hands it to
/// <see cref="ActivityIngest"/>: read and checked first, then stored in a transaction of its own, and its
/// recompute enqueued after commit. Each file is parsed inside a <see cref="ParseGate"/> slot.
/// </summary>
public sealed class UploadActivitiesHandler(RunRecoveryDb db, ActivityIngest ingest, ParseGate gate, IOptions<UploadOptions> options)
    : ICommandHandler<UploadActivities, IReadOnlyList<IngestResult>>
{
    public async ValueTask<IReadOnlyList<IngestResult>> Handle(UploadActivities command, CancellationToken cancellationToken)
    {
        // One pooled connection for the request's queries and transactions (each open from the pool costs a reset of
        // the connection on the server); the body has been read already, so no slow client holds it.
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            return await HandleFilesAsync(command, cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task<IReadOnlyList<IngestResult>> HandleFilesAsync(UploadActivities command, CancellationToken cancellationToken)
    {
        var outcomes = new List<IngestResult>();
        foreach (UploadedFile file in command.Files)
        {
            if (file.TooLarge)
            {
                outcomes.Add(IngestResult.Refused(file.FileName, IngestOutcome.TooLarge, new FileError(
                    "too-large", $"{file.FileName ?? "The file"} is larger than the limit of {options.Value.MaxFileBytes} bytes.", null)));
            }
            else if (IngestResult.RefusedUnread(file.FileName, file.Spooled is { } spooled ? spooled.Head : file.Content) is { } refused)
            {
                outcomes.Add(refused);
            }
            else if (ActivityFile.Detect(file.Spooled is { } zip ? zip.Head : file.Content.Span) == ContentKind.Zip)
            {
                await UploadArchiveAsync(command.RunnerId, file, outcomes, cancellationToken);
            }
            else if (file.Spooled is { } large)
            {
                outcomes.Add(await UploadOneAsync(command.RunnerId, thresholds => ingest.Read(file.FileName, large, thresholds), cancellationToken));
            }
            else
            {
                outcomes.Add(await UploadOneAsync(command.RunnerId, thresholds => ingest.Read(file.FileName, file.Content, thresholds), cancellationToken));
            }
        }

        return outcomes;
    }

    private async Task UploadArchiveAsync(Guid runnerId, UploadedFile file, List<IngestResult> outcomes, CancellationToken cancellationToken)
    {
        using Stream stream = file.Spooled is { } spooled
            ? spooled.OpenRead()
            : MemoryMarshal.TryGetArray(file.Content, out ArraySegment<byte> bytes)
                ? new MemoryStream(bytes.Array!, bytes.Offset, bytes.Count, writable: false) // TryGetArray gives an array when true
                : new MemoryStream(file.Content.ToArray(), writable: false);
        int before = outcomes.Count;
        foreach (ArchiveEntry entry in ActivityArchive.Expand(stream, file.FileName ?? "archive.zip", options.Value.ExpandLimits()))
        {
            if (entry.Error is { } error)
            {
                if (entry.NamedLikeActivity || error.Code.StartsWith("archive", StringComparison.Ordinal))
                {
                    outcomes.Add(IngestResult.Refused(entry.Path, error));
                }

                continue;
            }

            ContentKind kind = ActivityFile.Detect(entry.Content);
            if (kind is ContentKind.Fit or ContentKind.Gpx or ContentKind.Tcx || entry.NamedLikeActivity)
            {
                outcomes.Add(await UploadOneAsync(runnerId, thresholds => ingest.Read(entry.Path, entry.Content, thresholds), cancellationToken));
            }
        }

        if (outcomes.Count == before)
        {
            outcomes.Add(IngestResult.Refused(file.FileName, IngestOutcome.NoData, new FileError(
                "archive-empty", $"{file.FileName ?? "The archive"} holds no FIT, GPX or TCX file.", null)));
        }
    }

    /// <param name="readFile">Reads the file with the runner's thresholds (<see cref="ActivityIngest.Read(string?, ReadOnlyMemory{byte}, RunnerProfile)"/>).</param>
    private async Task<IngestResult> UploadOneAsync(Guid runnerId, Func<RunnerProfile, IngestFile> readFile, CancellationToken cancellationToken)
    {
        RunnerProfile thresholds = await ingest.ThresholdsAsync(runnerId, cancellationToken);
        IngestFile read;
        using (await gate.EnterAsync(cancellationToken))
        {
            read = readFile(thresholds); // at most ParseGate.Slots files in memory at once, else 429
        }

        if (read.Refusal is { } refused)
        {
            return refused;
        }

        IngestResult result;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            // No savepoint around each SaveChanges: a failed statement fails the whole upload, which is never retried
            // inside its transaction (two round trips fewer per upload).
            db.Database.AutoSavepointsEnabled = false;
            result = await ingest.StoreAsync(runnerId, read, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        ingest.AfterCommit(result);
        return result;
    }
}
