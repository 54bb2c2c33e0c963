using Hangfire;
using RunRecovery.Application.Persistence;

namespace RunRecovery.Application.Imports.Process;

/// <summary>
/// Re-enqueues imports whose worker died without Hangfire noticing yet: running with a heartbeat older than
/// <see cref="Stale"/>, or queued that long. A duplicate run is harmless (it waits on the import's lock, then
/// continues from the first unrecorded entry or finds the import finished).
/// </summary>
public sealed record ResumeStalledImports : ICommand<int>;

public sealed class ResumeStalledImportsHandler(RunRecoveryDb db, IBackgroundJobClient jobs, TimeProvider clock) : ICommandHandler<ResumeStalledImports, int>
{
    public static readonly TimeSpan Stale = TimeSpan.FromMinutes(2);

    public async ValueTask<int> Handle(ResumeStalledImports command, CancellationToken cancellationToken)
    {
        DateTimeOffset cutoff = clock.GetUtcNow() - Stale;
        List<Guid> stalled = await db.ClubImports.AsNoTracking()
            .Where(import => (import.State == ImportState.Running && (import.HeartbeatAt == null || import.HeartbeatAt < cutoff))
                || (import.State == ImportState.Queued && (import.HeartbeatAt ?? import.CreatedAt) < cutoff))
            .Select(import => import.Id)
            .ToListAsync(cancellationToken);
        foreach (Guid importId in stalled)
        {
            await db.ClubImports.Where(import => import.Id == importId)
                .ExecuteUpdateAsync(set => set.SetProperty(import => import.HeartbeatAt, clock.GetUtcNow()), cancellationToken);
            jobs.Enqueue<RunClubImportJob>(job => job.RunAsync(importId, CancellationToken.None));
        }

        return stalled.Count;
    }
}

public sealed class ResumeStalledImportsJob(ISender sender)
{
    public const string RecurringId = "resume-stalled-imports";

    [Queue(RunClubImportJob.Queue), AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(CancellationToken cancellationToken) =>
        await sender.Send(new ResumeStalledImports(), cancellationToken);
}
