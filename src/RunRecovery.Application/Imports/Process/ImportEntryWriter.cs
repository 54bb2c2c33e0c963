using RunRecovery.Application.Activities.Ingest;
using RunRecovery.Application.Persistence;
using RunRecovery.Formats;
using RunRecovery.Formats.Archives;

namespace RunRecovery.Application.Imports.Process;

/// <summary>
/// Writes an import's entry rows. Activity files go through <see cref="ActivityIngest"/>, the same parsing,
/// validation, storage and duplicate rules as an upload, in a transaction opened here: the entry row is saved in the
/// transaction that stores the activity, so an activity never exists without its entry row, nor the row without the
/// activity. A refused file stores nothing but its row.
/// </summary>
public sealed class ImportEntryWriter(RunRecoveryDb db, ActivityIngest ingest, ParseGate gate)
{
    public static bool LooksLikeActivity(ArchiveEntry entry) =>
        entry.NamedLikeActivity
        || (entry.Content is { } content && ActivityFile.Detect(content) is ContentKind.Fit or ContentKind.Gpx or ContentKind.Tcx);

    /// <summary>
    /// Rows of entries that store nothing (skipped, refused) are written this many at a time, in one
    /// <c>SaveChanges</c> (EF Core sends them as batched inserts): one round trip and transaction per row made
    /// an archive of 2,000 refused entries cost 5.6 CPU-seconds.
    /// </summary>
    public const int RecordBatch = 500;

    private readonly List<(RunProgress Progress, ClubImportEntry Entry)> _pending = [];

    /// <summary>
    /// Records an entry that stores nothing but its row. The row is written with the next <see cref="RecordBatch"/>
    /// rows or at <see cref="FlushAsync"/>; one lost to a crash before then has no row, so the next run reads the
    /// entry again (it stores nothing either way).
    /// </summary>
    public async Task RecordAsync(
        RunProgress progress, int ordinal, string path, string outcome, string? code, string? message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(progress);
        _pending.Add((progress, NewEntry(progress.ImportId, ordinal, path, null, outcome, code, message)));
        if (_pending.Count >= RecordBatch)
        {
            await FlushAsync(cancellationToken);
        }
    }

    /// <summary>Writes the rows <see cref="RecordAsync"/> holds, in one <c>SaveChanges</c>.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (_pending.Count == 0)
        {
            return;
        }

        db.ClubImportEntries.AddRange(_pending.Select(pending => pending.Entry));
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        foreach ((RunProgress progress, ClubImportEntry entry) in _pending)
        {
            Done(progress, entry.Ordinal);
        }

        _pending.Clear();
    }

    public async Task IngestAsync(RunProgress progress, int ordinal, string path, Guid runnerId, byte[] content, CancellationToken cancellationToken)
    {
        ClubImportEntry entry = NewEntry(progress.ImportId, ordinal, path, runnerId, ImportOutcome.Imported, null, null);
        var thresholds = await ingest.ThresholdsAsync(runnerId, cancellationToken);
        IngestFile read;
        using (await gate.WaitAsync(cancellationToken))
        {
            read = ingest.ReadChecked(path, content, thresholds); // shares the machine's parse slots with uploads, waiting its turn
        }

        if (read.Refusal is { } failure)
        {
            entry.Outcome = ImportOutcome.Failed;
            entry.Code = failure.Error?.Code ?? "failed";
            entry.Message = Truncate(failure.Error?.Message ?? "The file could not be imported.");
            await SaveAsync(entry, cancellationToken);
        }
        else
        {
            IngestResult stored;
            await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
            {
                stored = await ingest.StoreAsync(runnerId, read, cancellationToken);
                if (stored.Outcome == IngestOutcome.Duplicate)
                {
                    entry.Outcome = ImportOutcome.Duplicate;
                    entry.ActivityId = stored.DuplicateOf;
                    entry.Code = stored.DuplicateReason;
                    entry.Message = $"{path}: already stored as activity {stored.DuplicateOf} ({stored.DuplicateReason}).";
                }

                await SaveAsync(entry, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }

            ingest.AfterCommit(stored);
        }

        db.ChangeTracker.Clear();
        Done(progress, ordinal);
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
