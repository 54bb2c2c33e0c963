using RunRecovery.Application.Persistence;

namespace RunRecovery.Application.Imports;

/// <summary>An import's state, counts, times and per-file problems, as GET /api/clubs/{id}/imports/{importId} shows it.</summary>
public sealed record ImportStatus(
    Guid Id,
    Guid ClubId,
    string State,
    string FileName,
    long SizeBytes,
    string? Layout,
    ImportCounts Counts,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    double? EntriesPerSecond,
    double? RunsPerSecond,
    ImportError? Error,
    IReadOnlyList<ImportProblem> Problems,
    int Attempts)
{
    /// <summary>Throughput is over the time since the import started: entries of any outcome, and runs imported or found duplicate.</summary>
    public static ImportStatus From(ClubImport import, ImportCounts counts, IReadOnlyList<ImportProblem> problems, DateTimeOffset now)
    {
        double? entriesPerSecond = null;
        double? runsPerSecond = null;
        if (import.StartedAt is { } started && ((import.FinishedAt ?? now) - started).TotalSeconds is > 0 and double seconds)
        {
            entriesPerSecond = Math.Round(counts.Seen / seconds, 1);
            runsPerSecond = Math.Round((counts.Imported + counts.Duplicates) / seconds, 1);
        }

        return new ImportStatus(
            import.Id, import.ClubId, import.State, import.FileName, import.SizeBytes, import.Layout, counts,
            import.CreatedAt, import.StartedAt, import.FinishedAt, entriesPerSecond, runsPerSecond,
            import.ErrorCode is null ? null : new ImportError(import.ErrorCode, import.ErrorMessage ?? ""),
            problems, import.Attempts);
    }
}

/// <summary>Entries seen so far, and what became of them (seen = imported + duplicates + skipped + failed).</summary>
public sealed record ImportCounts(int Seen, int Imported, int Duplicates, int Skipped, int Failed)
{
    public static ImportCounts None { get; } = new(0, 0, 0, 0, 0);

    public static ImportCounts From(IEnumerable<(string Outcome, int Count)> byOutcome)
    {
        Dictionary<string, int> counts = byOutcome.ToDictionary(row => row.Outcome, row => row.Count);
        int Of(string outcome) => counts.GetValueOrDefault(outcome);
        return new ImportCounts(counts.Values.Sum(), Of(ImportOutcome.Imported), Of(ImportOutcome.Duplicate), Of(ImportOutcome.Skipped), Of(ImportOutcome.Failed));
    }
}

/// <summary>Why the import as a whole stopped or failed.</summary>
public sealed record ImportError(string Code, string Message);

/// <summary>One entry that was skipped or failed: its path in the archive (nested archives joined by '!'), and why.</summary>
public sealed record ImportProblem(string Path, string Outcome, string? Code, string? Message);
