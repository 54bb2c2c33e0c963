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
            string spool = options.SpoolPath(import.Id);
            total += import.SizeBytes + SizeOf(spool) + SizeOf(spool + ".partial");
        }

        return total;
    }

    private static long SizeOf(string path)
    {
        var file = new FileInfo(path);
        return file.Exists ? file.Length : 0;
    }
}
