using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RunRecovery.Application.Jobs;
using RunRecovery.Application.Persistence;

namespace RunRecovery.Application.Imports.Process;

/// <summary>Store one member's files of a fanned-out import (the member job's message).</summary>
public sealed record ImportMember(Guid ImportId, Guid RunnerId) : ICommand<ImportRunResult>;

/// <summary>
/// Stores one member's spooled files (their segment, <see cref="ImportSpool"/>) in archive order through the same <see cref="ImportEntryWriter"/> as the
/// single-job import, so each entry row is committed with its activity. Safe to run twice or on two workers at
/// once: a member lock makes the second wait, and it then skips every entry that has a row. Once it has stored the
/// member's last file it releases the member's scoring (one scoring job per member, while other members are still
/// being stored). The job that stores the last file of the import (or finds nothing left) finishes it.
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
        (Guid importId, Guid runnerId) = command;
        string segmentPath = ImportSpool.SegmentPath(options.Value.SpoolPath(importId), runnerId);
        var progress = new RunProgress(importId, []);
        await using (RunAlone memberLock = await finisher.LockAsync(ImportFinisher.MemberKey(importId, runnerId), cancellationToken))
        {
            ClubImport? import = await db.ClubImports.AsNoTracking().SingleOrDefaultAsync(candidate => candidate.Id == importId, cancellationToken);
            if (import is null || ImportState.IsFinished(import.State) || !File.Exists(segmentPath))
            {
                return new ImportRunResult(false, import?.State ?? "missing", 0);
            }

            List<ImportSpool.Item> spooled = ImportSpool.ReadIndex(segmentPath);
            int[] mine = [.. spooled.Select(item => item.Ordinal)];
            HashSet<int> done = [.. await db.ClubImportEntries.AsNoTracking()
                .Where(entry => entry.ImportId == importId && mine.Contains(entry.Ordinal)).Select(entry => entry.Ordinal)
                .ToListAsync(cancellationToken)];
            List<ImportSpool.Item> todo = [.. spooled.Where(item => !done.Contains(item.Ordinal))];
            if (todo.Count > 0)
            {
                await finisher.HoldScoringAsync(runnerId, cancellationToken);
                var cancel = new CancelWatch(importId, options.Value.ProgressInterval, clock);
                await using var spool = new FileStream(segmentPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
                bool cancelled = false;
                for (int i = 0; i < todo.Count; i++)
                {
                    if (await cancel.IsCancelledAsync(db, cancellationToken))
                    {
                        cancelled = true;
                        break; // no new file is started once a cancel is seen; the import's finish releases the member
                    }

                    if (i == todo.Count - 1)
                    {
                        // Before the last file's row commits: whichever job then sees every row and finishes the
                        // import leaves this member's scoring to us.
                        finisher.PromiseMemberRelease(importId, runnerId);
                    }

                    ImportSpool.Item item = todo[i];
                    byte[] content = ImportSpool.ReadContent(spool, item);
                    await writer.IngestAsync(progress, item.Ordinal, item.Path, runnerId, content, cancellationToken);
                }

                if (!cancelled)
                {
                    // Every file of the member has its row: score them now, beside the other members' files, rather
                    // than with every member at the import's end, where workers waited for the last member job and
                    // then all scored at once. A run killed between its last row and this line leaves the member
                    // to the sweeper (SweepUnscored), once the import has ended.
                    finisher.ReleaseMemberScoring(runnerId);
                }
            }
        }

        string? finished = await finisher.FinishIfDoneAsync(importId, cancellationToken);
        logger.LogDebug("Import {ImportId}: member {RunnerId} stored {Processed} files", importId, runnerId, progress.Processed);
        return new ImportRunResult(true, finished ?? ImportState.Running, progress.Processed);
    }
}
