using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RunRecovery.Application.Jobs;
using RunRecovery.Application.Persistence;
using RunRecovery.Application.Rescoring;

namespace RunRecovery.Application.Imports.Process;

/// <summary>
/// Ends imports: rescoring for every member imported for, the final state, the stored archive (and spool) removed.
/// So it also owns the import's hold on its members' scoring (<see cref="HoldScoringAsync"/>), which the finish
/// releases. And the import's lock: the run that expands an import and the member job that checks whether it is done both
/// hold it, so the check and the finish happen once, by one job.
/// </summary>
public sealed class ImportFinisher(
    RunRecoveryDb db, ScoringQueue scoring, TimeProvider clock, IOptions<ImportOptions> options, ILogger<ImportFinisher> logger)
{
    /// <summary>
    /// Takes a session advisory lock (the import's or a member's) on a connection of its own, waiting for its holder;
    /// disposing it releases the lock (explicitly: <see cref="RunAlone"/>).
    /// </summary>
    public Task<RunAlone> LockAsync(string key, CancellationToken cancellationToken) =>
        RunAlone.EnterAsync(db.Database.GetConnectionString()!, key, cancellationToken); // always set: RunRecoveryDb.Configure

    /// <summary>
    /// Holds the runner's scoring until this import finishes (<see cref="FinishAsync"/> releases it): taken before a
    /// member's files are stored, by the member job or the in-process lanes, so the runner is scored once, at the end.
    /// </summary>
    public Task HoldScoringAsync(Guid runnerId, CancellationToken cancellationToken) => scoring.HoldAsync(runnerId, cancellationToken);

    /// <summary>
    /// For a fanned-out import, after a member job's files: when every spooled file of the member
    /// (<paramref name="ordinals"/>) has its row, releases the member's scoring, unless another member job of theirs
    /// or the import's finish claimed it first (<see cref="ImportSpool.ClaimRelease"/>). So the member's one scoring
    /// job runs beside the other members' files, not after the whole import (docs/reliability.md, "Scale-out").
    /// </summary>
    public async Task ReleaseMemberIfStoredAsync(Guid importId, Guid runnerId, int[] ordinals, CancellationToken cancellationToken)
    {
        int stored = await db.ClubImportEntries.AsNoTracking()
            .CountAsync(entry => entry.ImportId == importId && ordinals.Contains(entry.Ordinal), cancellationToken);
        if (stored == ordinals.Length && ImportSpool.ClaimRelease(options.Value.SpoolPath(importId), runnerId))
        {
            scoring.Release(runnerId);
        }
    }

    public static string ImportKey(Guid importId) => "import:" + importId;

    public static string MemberKey(Guid importId, Guid runnerId) => $"import:{importId}:member:{runnerId}";

    /// <summary>One member job's files (<see cref="ImportSpool.Chunks"/>); the whole member's job keeps <see cref="MemberKey"/>.</summary>
    public static string ChunkKey(Guid importId, Guid runnerId, int first) => $"{MemberKey(importId, runnerId)}:from:{first}";

    /// <summary>
    /// For a fanned-out import: finishes it when the spool is sealed and every spooled file has its row (or a cancel
    /// was asked), under the import's lock. Returns the final state, or null while files are still to be stored. Before
    /// the seal it returns null at once, without the lock (which the walk holds): the walk checks again when it seals,
    /// and sees every row committed before this check.
    /// </summary>
    public async Task<string?> FinishIfDoneAsync(Guid importId, CancellationToken cancellationToken)
    {
        if (ImportSpool.ReadSeal(options.Value.SpoolPath(importId)) is not { } spooled)
        {
            return null;
        }

        // Rows are only ever added: a file without its row now means this is not the last job, and the job that
        // stores that file checks again after its row commits. Looked at before the lock, with one count, so only the
        // jobs that may be last open the lock's connection and read every row. A spooled file's row always names its
        // member (ImportEntryWriter.IngestAsync); fewer such rows than spooled files means some file has none.
        int withMember = await db.ClubImportEntries.AsNoTracking().CountAsync(entry => entry.ImportId == importId && entry.RunnerId != null, cancellationToken);
        if (withMember < spooled.Count && !await CancelRequestedAsync(importId, cancellationToken))
        {
            return null;
        }

        await using RunAlone gate = await LockAsync(ImportKey(importId), cancellationToken);
        ClubImport? import = await db.ClubImports.AsNoTracking().SingleOrDefaultAsync(candidate => candidate.Id == importId, cancellationToken);
        if (import is null || ImportState.IsFinished(import.State))
        {
            return null;
        }

        if (import.CancelRequested)
        {
            return (await FinishAsync(import, ImportState.Cancelled, 0, cancellationToken)).State;
        }

        if (await AnyUnstoredAsync(importId, spooled, cancellationToken))
        {
            return null;
        }

        return (await CompleteAsync(import, 0, cancellationToken)).State;
    }

    private async Task<bool> AnyUnstoredAsync(Guid importId, List<ImportSpool.Entry> spooled, CancellationToken cancellationToken)
    {
        HashSet<int> done = [.. await db.ClubImportEntries.AsNoTracking()
            .Where(entry => entry.ImportId == importId).Select(entry => entry.Ordinal).ToListAsync(cancellationToken)];
        return spooled.Any(item => !done.Contains(item.Ordinal));
    }

    private Task<bool> CancelRequestedAsync(Guid importId, CancellationToken cancellationToken) =>
        db.ClubImports.AsNoTracking().AnyAsync(import => import.Id == importId && import.CancelRequested, cancellationToken);

    /// <summary>Finishes an import whose entries all have rows: failed if a whole-archive limit stopped it, else by its rows.</summary>
    public async Task<ImportRunResult> CompleteAsync(ClubImport import, int processed, CancellationToken cancellationToken)
    {
        ImportCounts counts = await db.CountEntriesAsync(import.Id, cancellationToken);
        string state = import.ErrorCode is not null ? ImportState.Failed
            : counts.Failed > 0 ? ImportState.CompletedWithErrors
            : ImportState.Completed;
        return await FinishAsync(import, state, processed, cancellationToken);
    }

    /// <summary>
    /// Ends the import: rescoring for every member it imported runs for (but those whose member jobs released them),
    /// the final state, the archive removed.
    /// </summary>
    public async Task<ImportRunResult> FinishAsync(ClubImport import, string state, int processed, CancellationToken cancellationToken)
    {
        List<Guid> touched = await db.ClubImportEntries.AsNoTracking()
            .Where(entry => entry.ImportId == import.Id && entry.RunnerId != null && entry.Outcome == ImportOutcome.Imported)
            .Select(entry => entry.RunnerId!.Value)
            .Distinct()
            .ToListAsync(cancellationToken);
        // Fanned out, a member's own job may have released them already (ReleaseMemberIfStoredAsync): one claim each.
        string spool = options.Value.SpoolPath(import.Id);
        bool fannedOut = Directory.Exists(spool);
        foreach (Guid runnerId in touched.Where(runnerId => !fannedOut || ImportSpool.ClaimRelease(spool, runnerId)))
        {
            scoring.Release(runnerId);
        }

        db.ChangeTracker.Clear();
        DateTimeOffset now = clock.GetUtcNow();
        await db.ClubImports.Where(candidate => candidate.Id == import.Id)
            .ExecuteUpdateAsync(set => set
                .SetProperty(candidate => candidate.State, state)
                .SetProperty(candidate => candidate.FinishedAt, now)
                .SetProperty(candidate => candidate.HeartbeatAt, now)
                .SetProperty(candidate => candidate.Layout, import.Layout)
                .SetProperty(candidate => candidate.ErrorCode, import.ErrorCode)
                .SetProperty(candidate => candidate.ErrorMessage, import.ErrorMessage), cancellationToken);
        File.Delete(options.Value.StoragePath(import.Id));
        ImportSpool.Delete(options.Value.SpoolPath(import.Id));
        logger.LogInformation("Import {ImportId} finished as {State}; {Processed} entries in this run, rescoring {Members} members",
            import.Id, state, processed, touched.Count);
        return new ImportRunResult(true, state, processed);
    }
}
