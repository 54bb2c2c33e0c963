using Hangfire;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RunRecovery.Application.Persistence;

namespace RunRecovery.Application.Imports.Process;

/// <summary>
/// Hands a fanned-out import's spooled files to member jobs, at most <see cref="ImportOptions.MemberJobFiles"/> files
/// each: during the walk, each member as the walk passes them; after it (and when a later run finds the spool sealed),
/// every member's files still without a row.
/// </summary>
public sealed class ImportFanOut(
    RunRecoveryDb db, ImportFinisher finisher, IBackgroundJobClient jobs, IOptions<ImportOptions> options, ILogger<ImportFanOut> logger)
{
    /// <summary>
    /// Enqueues the member jobs for one member whose segment of <paramref name="files"/> files is complete: one per
    /// <see cref="ImportOptions.MemberJobFiles"/> files, so a member's files spread over the workers.
    /// </summary>
    public void Enqueue(Guid importId, Guid runnerId, int files)
    {
        foreach ((int first, int count) in ImportSpool.Chunks(files, options.Value.MemberJobFiles))
        {
            Enqueue(importId, runnerId, first, count);
        }
    }

    private void Enqueue(Guid importId, Guid runnerId, int first, int count) =>
        jobs.Enqueue<ImportMemberJob>(job => job.RunAsync(importId, runnerId, first, count, CancellationToken.None));

    /// <summary>
    /// For a sealed spool: enqueues member jobs for every member (other than <paramref name="except"/>, handed out
    /// already by this run) with spooled files still without a row; finishes the import when no file is left.
    /// </summary>
    public async Task<ImportRunResult> HandOutAsync(ClubImport import, int processed, IReadOnlySet<Guid> except, CancellationToken cancellationToken)
    {
        List<ImportSpool.Entry> spooled = ImportSpool.ReadSeal(options.Value.SpoolPath(import.Id))
            ?? throw new InvalidOperationException($"Import {import.Id}: the spool is not sealed.");
        HashSet<int> done = [.. await db.ClubImportEntries.AsNoTracking()
            .Where(entry => entry.ImportId == import.Id).Select(entry => entry.Ordinal).ToListAsync(cancellationToken)];
        List<Guid> left = [.. spooled.Where(item => !done.Contains(item.Ordinal)).Select(item => item.RunnerId).Distinct()];
        if (left.Count == 0)
        {
            return await finisher.CompleteAsync(import, processed, cancellationToken);
        }

        List<Guid> members = [.. left.Where(runnerId => !except.Contains(runnerId))];
        int enqueued = 0;
        foreach (Guid runnerId in members)
        {
            // Only the member's jobs with files still without a row.
            List<ImportSpool.Item> segment = ImportSpool.ReadIndex(ImportSpool.SegmentPath(options.Value.SpoolPath(import.Id), runnerId));
            foreach ((int first, int count) in ImportSpool.Chunks(segment.Count, options.Value.MemberJobFiles))
            {
                if (segment.Skip(first).Take(count).Any(item => !done.Contains(item.Ordinal)))
                {
                    Enqueue(import.Id, runnerId, first, count);
                    enqueued++;
                }
            }
        }

        logger.LogInformation("Import {ImportId}: {Files} files left, {Jobs} member jobs for {Members} members enqueued now ({Earlier} members during the walk)",
            import.Id, spooled.Count(item => !done.Contains(item.Ordinal)), enqueued, members.Count, except.Count);
        return new ImportRunResult(true, ImportState.Running, processed);
    }
}
