using Hangfire;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RunRecovery.Application.Persistence;

namespace RunRecovery.Application.Imports.Process;

/// <summary>
/// Hands a fanned-out import's spooled files to member jobs, at most <see cref="ImportOptions.MemberJobFiles"/> files
/// each, interleaved by groups of <see cref="ImportOptions.MemberJobsInterleaved"/> members: during the walk, each
/// group once the walk has passed its members; after it (and when a later run finds the spool sealed), every member's
/// files still without a row.
/// </summary>
public sealed class ImportFanOut(
    RunRecoveryDb db, ImportFinisher finisher, IBackgroundJobClient jobs, IOptions<ImportOptions> options, ILogger<ImportFanOut> logger)
{
    /// <summary>
    /// Enqueues the member jobs of <paramref name="members"/>, whose segments (of that many files) are complete: one per
    /// <see cref="ImportOptions.MemberJobFiles"/> files, so a member's files spread over the workers, interleaved
    /// (<see cref="ImportOptions.MemberJobsInterleaved"/> members at a time) so jobs taken at once are different members'.
    /// </summary>
    public int Enqueue(Guid importId, IEnumerable<(Guid RunnerId, int Files)> members) =>
        EnqueueInterleaved(importId, members.Select(member => (member.RunnerId, ImportSpool.Chunks(member.Files, options.Value.MemberJobFiles).ToList())));

    /// <summary>Members are handed out in groups of this many, their jobs interleaved.</summary>
    public int Interleaved => Math.Max(1, options.Value.MemberJobsInterleaved);

    /// <summary>For each group of <see cref="Interleaved"/> members: every member's first range, then every second one, and so on.</summary>
    private int EnqueueInterleaved(Guid importId, IEnumerable<(Guid RunnerId, List<(int First, int Count)> Ranges)> members)
    {
        int enqueued = 0;
        foreach ((Guid RunnerId, List<(int First, int Count)> Ranges)[] group in members.Chunk(Interleaved))
        {
            for (int round = 0; round < group.Max(member => member.Ranges.Count); round++)
            {
                foreach ((Guid runnerId, List<(int First, int Count)> ranges) in group.Where(member => round < member.Ranges.Count))
                {
                    (int first, int count) = ranges[round];
                    jobs.Enqueue<ImportMemberJob>(job => job.RunAsync(importId, runnerId, first, count, CancellationToken.None));
                    enqueued++;
                }
            }
        }

        return enqueued;
    }

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
        int enqueued = EnqueueInterleaved(import.Id, members.Select(runnerId =>
        {
            // Only the member's jobs with files still without a row.
            List<ImportSpool.Item> segment = ImportSpool.ReadIndex(ImportSpool.SegmentPath(options.Value.SpoolPath(import.Id), runnerId));
            return (runnerId, ImportSpool.Chunks(segment.Count, options.Value.MemberJobFiles)
                .Where(range => segment.Skip(range.First).Take(range.Count).Any(item => !done.Contains(item.Ordinal)))
                .ToList());
        }));

        logger.LogInformation("Import {ImportId}: {Files} files left, {Jobs} member jobs for {Members} members enqueued now ({Earlier} members during the walk)",
            import.Id, spooled.Count(item => !done.Contains(item.Ordinal)), enqueued, members.Count, except.Count);
        return new ImportRunResult(true, ImportState.Running, processed);
    }
}
