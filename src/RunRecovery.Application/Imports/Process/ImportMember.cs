using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RunRecovery.Application.Jobs;
using RunRecovery.Application.Persistence;

namespace RunRecovery.Application.Imports.Process;

/// <summary>
/// Store one member's files of a fanned-out import (the member job's message): the <paramref name="Count"/> files from
/// position <paramref name="First"/> of the member's segment (<see cref="ImportSpool.Chunks"/>); by default all of them.
/// </summary>
public sealed record ImportMember(Guid ImportId, Guid RunnerId, int First = 0, int Count = int.MaxValue) : ICommand<ImportRunResult>;

/// <summary>
/// Stores a range of one member's spooled files (their segment, <see cref="ImportSpool"/>) in archive order through the
/// same <see cref="ImportEntryWriter"/> as the single-job import, so each entry row is committed with its activity. Safe
/// to run twice or on two workers at once: a lock on the range makes the second wait, and it then skips every entry
/// that has a row (and the entry row's key admits one row per entry, whichever range tries). Once every file of the
/// member has its row, the job that sees so releases the member's scoring, once (one scoring job per member, while
/// other members are still being stored). The job that stores the last file of the import (or finds nothing left)
/// finishes it.
/// </summary>
public sealed class ImportMemberHandler(
    RunRecoveryDb db,
    ImportEntryWriter writer,
    ImportFinisher finisher,
    TimeProvider clock,
    IOptions<ImportOptions> options,
    ILogger<ImportMemberHandler> logger)
    : ICommandHandler<ImportMember, ImportRunResult>
{
    public async ValueTask<ImportRunResult> Handle(ImportMember command, CancellationToken cancellationToken)
    {
        (Guid importId, Guid runnerId, int first, int count) = command;
        string segmentPath = ImportSpool.SegmentPath(options.Value.SpoolPath(importId), runnerId);
        var progress = new RunProgress(importId, []);
        string key = first == 0 && count == int.MaxValue ? ImportFinisher.MemberKey(importId, runnerId) : ImportFinisher.ChunkKey(importId, runnerId, first);
        int[] member;
        bool cancelled = false;
        await using (RunAlone rangeLock = await finisher.LockAsync(key, cancellationToken))
        {
            ClubImport? import = await db.ClubImports.AsNoTracking().SingleOrDefaultAsync(candidate => candidate.Id == importId, cancellationToken);
            if (import is null || ImportState.IsFinished(import.State) || !File.Exists(segmentPath))
            {
                return new ImportRunResult(false, import?.State ?? "missing", 0);
            }

            List<ImportSpool.Item> spooled = ImportSpool.ReadIndex(segmentPath);
            member = [.. spooled.Select(item => item.Ordinal)];
            int[] mine = [.. spooled.Skip(first).Take(count).Select(item => item.Ordinal)];
            HashSet<int> done = [.. await db.ClubImportEntries.AsNoTracking()
                .Where(entry => entry.ImportId == importId && mine.Contains(entry.Ordinal)).Select(entry => entry.Ordinal)
                .ToListAsync(cancellationToken)];
            List<ImportSpool.Item> todo = [.. spooled.Skip(first).Take(count).Where(item => !done.Contains(item.Ordinal))];
            if (todo.Count > 0)
            {
                await finisher.HoldScoringAsync(runnerId, cancellationToken);
                var cancel = new CancelWatch(importId, options.Value.ProgressInterval, clock);
                await using var spool = new FileStream(segmentPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
                foreach (ImportSpool.Item item in todo)
                {
                    if (await cancel.IsCancelledAsync(db, cancellationToken))
                    {
                        cancelled = true;
                        break; // no new file is started once a cancel is seen; the import's finish releases the member
                    }

                    byte[] content = ImportSpool.ReadContent(spool, item);
                    await writer.IngestAsync(progress, item.Ordinal, item.Path, runnerId, content, cancellationToken);
                }
            }
        }

        if (!cancelled)
        {
            // Also when this run stored nothing: a job killed between the member's last row and its release is
            // redelivered and releases here (or another of the member's jobs, or the import's finish, did).
            await finisher.ReleaseMemberIfStoredAsync(importId, runnerId, member, cancellationToken);
        }

        string? finished = await finisher.FinishIfDoneAsync(importId, cancellationToken);
        logger.LogDebug("Import {ImportId}: member {RunnerId} from {First} stored {Processed} files", importId, runnerId, first, progress.Processed);
        return new ImportRunResult(true, finished ?? ImportState.Running, progress.Processed);
    }
}
