using RunRecovery.Application.Persistence;

namespace RunRecovery.Application.Imports;

/// <summary>Counts an import's entries by outcome (one index range scan of its rows).</summary>
public static class ImportCountsQuery
{
    public static async Task<ImportCounts> CountEntriesAsync(this RunRecoveryDb db, Guid importId, CancellationToken cancellationToken)
    {
        var rows = await db.ClubImportEntries.AsNoTracking()
            .Where(entry => entry.ImportId == importId)
            .GroupBy(entry => entry.Outcome)
            .Select(group => new { Outcome = group.Key, Count = group.Count() })
            .ToListAsync(cancellationToken);
        return ImportCounts.From(rows.Select(row => (row.Outcome, row.Count)));
    }
}
