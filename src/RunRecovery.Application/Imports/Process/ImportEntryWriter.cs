using Mediator;
using Microsoft.EntityFrameworkCore;
using RunRecovery.Application.Activities.Upload;
using RunRecovery.Application.Persistence;
using RunRecovery.Formats;
using RunRecovery.Formats.Archives;

namespace RunRecovery.Application.Imports.Process;

/// <summary>
/// Writes an import's entry rows. Activity files go through the runner API's own upload handler
/// (<see cref="UploadActivitiesHandler"/>: the same parsing, validation, storage and duplicate rules as a single
/// upload). That handler saves the activity with <c>SaveChangesAsync</c> inside its transaction on this same scoped
/// context, so the entry row, added to the context just before, is committed in that very transaction: an
/// activity never exists without its entry row, nor the row without the activity. Duplicates and failures store
/// nothing there, and their row is saved here.
/// </summary>
public sealed class ImportEntryWriter(RunRecoveryDb db, ISender sender, TimeProvider clock)
{
    public static bool LooksLikeActivity(ArchiveEntry entry) =>
        entry.NamedLikeActivity
        || (entry.Content is { } content && ActivityFile.Detect(content) is ContentKind.Fit or ContentKind.Gpx or ContentKind.Tcx);

    public async Task RecordAsync(
        RunProgress progress, int ordinal, string path, string outcome, string? code, string? message, CancellationToken cancellationToken)
    {
        db.ClubImportEntries.Add(NewEntry(progress.ImportId, ordinal, path, null, outcome, code, message));
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        Done(progress, ordinal);
    }

    public async Task IngestAsync(RunProgress progress, int ordinal, string path, Guid runnerId, byte[] content, CancellationToken cancellationToken)
    {
        ClubImportEntry entry = NewEntry(progress.ImportId, ordinal, path, runnerId, ImportOutcome.Imported, null, null);
        db.ClubImportEntries.Add(entry);
        UploadResult result = await sender.Send(new UploadActivities(runnerId, [new UploadedFile(path, content)]), cancellationToken);
        FileOutcome file = result.Files.Single();
        switch (file.Outcome)
        {
            case FileOutcome.Created:
                // Already committed with the activity (see the class comment); the upload cleared the change tracker.
                break;
            case FileOutcome.Duplicate:
                entry.Outcome = ImportOutcome.Duplicate;
                entry.ActivityId = file.DuplicateOf;
                entry.Code = file.DuplicateReason;
                entry.Message = $"{path}: already stored as activity {file.DuplicateOf} ({file.DuplicateReason}).";
                await SaveAsync(entry, cancellationToken);
                break;
            default:
                entry.Outcome = ImportOutcome.Failed;
                entry.Code = file.Error?.Code ?? "failed";
                entry.Message = Truncate(file.Error?.Message ?? "The file could not be imported.");
                await SaveAsync(entry, cancellationToken);
                break;
        }

        db.ChangeTracker.Clear();
        Done(progress, ordinal);
    }

    /// <summary>
    /// Marks the member's scoring as already requested, so the uploads of this import do not each enqueue a job;
    /// the import enqueues one per member when it ends. Should it never end, the scoring sweeper finds the
    /// member's unscored activities.
    /// </summary>
    public async Task HoldScoringAsync(Guid runnerId, CancellationToken cancellationToken)
    {
        DateTimeOffset now = clock.GetUtcNow();
        await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO runrecovery.runner_scoring (runner_id, requested_version, scored_version, job_pending, requested_at, recomputes)
            VALUES ({runnerId}, 0, 0, true, {now}, 0)
            ON CONFLICT (runner_id) DO UPDATE SET job_pending = true
            """,
            cancellationToken);
    }

    private async Task SaveAsync(ClubImportEntry entry, CancellationToken cancellationToken)
    {
        if (db.Entry(entry).State == EntityState.Detached)
        {
            db.ClubImportEntries.Add(entry);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private static void Done(RunProgress progress, int ordinal) => progress.Recorded(ordinal);

    private static ClubImportEntry NewEntry(Guid importId, int ordinal, string path, Guid? runnerId, string outcome, string? code, string? message) => new()
    {
        ImportId = importId,
        Ordinal = ordinal,
        Path = Storable(path.Length > 1000 ? path[^1000..] : path),
        RunnerId = runnerId,
        Outcome = outcome,
        Code = code is { Length: > 64 } ? code[..64] : code,
        Message = message is null ? null : Truncate(message),
    };

    private static string Truncate(string message) => Storable(message.Length > 2000 ? message[..2000] : message);

    /// <summary>
    /// Entry names come from the archive: one with a NUL is refused as unsafe, but its row still records it, and
    /// PostgreSQL text cannot hold NUL. U+FFFD (the replacement character) stands in for it.
    /// </summary>
    internal static string Storable(string text) => text.Replace('\0', '\uFFFD');
}
