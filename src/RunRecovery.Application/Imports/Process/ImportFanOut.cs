using Hangfire;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RunRecovery.Application.Persistence;

namespace RunRecovery.Application.Imports.Process;

/// <summary>
/// Hands a fanned-out import's spooled files to member jobs: during the walk, each member as the walk passes them;
/// after it (and when a later run finds the spool sealed), every member with spooled files still without a row.
/// </summary>
public sealed class ImportFanOut(
    RunRecoveryDb db, ImportFinisher finisher, IBackgroundJobClient jobs, IOptions<ImportOptions> options, ILogger<ImportFanOut> logger)
{
    /// <summary>Enqueues the member job for one member whose segment is complete.</summary>
    public void Enqueue(Guid importId, Guid runnerId) =>
        jobs.Enqueue<ImportMemberJob>(job => job.RunAsync(importId, runnerId, CancellationToken.None));

    /// <summary>
    /// For a sealed spool: enqueues a member job for every member (other than <paramref name="except"/>, handed out
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
        foreach (Guid runnerId in members)
        {
            Enqueue(import.Id, runnerId);
        }

        logger.LogInformation("Import {ImportId}: {Files} files left, {Members} member jobs enqueued now ({Earlier} during the walk)",
            import.Id, spooled.Count(item => !done.Contains(item.Ordinal)), members.Count, except.Count);
        return new ImportRunResult(true, ImportState.Running, processed);
    }
}
