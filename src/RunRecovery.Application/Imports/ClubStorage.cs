using RunRecovery.Application.Imports.Process;
using RunRecovery.Application.Persistence;

namespace RunRecovery.Application.Imports;

/// <summary>What a club's unfinished imports hold in storage, against <see cref="ImportOptions.MaxClubStorageBytes"/>.</summary>
public static class ClubStorage
{
    /// <summary>
    /// Bytes held for the club's queued and running imports (other than <paramref name="except"/>): each archive's
    /// size as uploaded, plus its spool (complete or still being written) as it stands on disk.
    /// </summary>
    public static async Task<long> LiveBytesAsync(RunRecoveryDb db, ImportOptions options, Guid clubId, Guid? except, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(options);
        var live = await db.ClubImports.AsNoTracking()
            .Where(import => import.ClubId == clubId && import.Id != except && (import.State == ImportState.Queued || import.State == ImportState.Running))
            .Select(import => new { import.Id, import.SizeBytes })
            .ToListAsync(cancellationToken);
        long total = 0;
        foreach (var import in live)
        {
            total += import.SizeBytes + ImportSpool.SizeOf(options.SpoolPath(import.Id));
        }

        return total;
    }
}
