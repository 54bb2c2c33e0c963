using Hangfire;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RunRecovery.Application.Persistence;

namespace RunRecovery.Application.Imports.Process;

/// <summary>Hands a fanned-out import's spooled files to member jobs: one per member with files still without a row.</summary>
public sealed class ImportFanOut(
    RunRecoveryDb db, ImportFinisher finisher, IBackgroundJobClient jobs, IOptions<ImportOptions> options, ILogger<ImportFanOut> logger)
{
    /// <summary>Enqueues a member job for every member with spooled files still without a row; finishes the import when none is left.</summary>
    public async Task<ImportRunResult> HandOutAsync(ClubImport import, int processed, CancellationToken cancellationToken)
    {
        List<ImportSpool.Item> spooled = ImportSpool.ReadIndex(options.Value.SpoolPath(import.Id));
        HashSet<int> done = [.. await db.ClubImportEntries.AsNoTracking()
            .Where(entry => entry.ImportId == import.Id).Select(entry => entry.Ordinal).ToListAsync(cancellationToken)];
        List<Guid> members = [.. spooled.Where(item => !done.Contains(item.Ordinal)).Select(item => item.RunnerId).Distinct()];
        if (members.Count == 0)
        {
            return await finisher.CompleteAsync(import, processed, cancellationToken);
        }

        foreach (Guid runnerId in members)
        {
            Guid importId = import.Id;
            jobs.Enqueue<ImportMemberJob>(job => job.RunAsync(importId, runnerId, CancellationToken.None));
        }

        logger.LogInformation("Import {ImportId}: {Files} files handed to {Members} member jobs", import.Id, spooled.Count - done.Count, members.Count);
        return new ImportRunResult(true, ImportState.Running, processed);
    }
}
