using Hangfire;
using Mediator;
using Microsoft.EntityFrameworkCore;
using RunRecovery.Application.Persistence;

namespace RunRecovery.Application.Rescoring;

/// <summary>Re-enqueue scoring for runners whose change was committed but never scored (a crash between commit and enqueue, a lost job).</summary>
public sealed record SweepUnscored : ICommand<int>;

public sealed class SweepUnscoredHandler(RunRecoveryDb db, ScoringRequests scoring, TimeProvider clock) : ICommandHandler<SweepUnscored, int>
{
    /// <summary>A request younger than this is left to the job it enqueued.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromMinutes(2);

    public async ValueTask<int> Handle(SweepUnscored command, CancellationToken cancellationToken)
    {
        DateTimeOffset now = clock.GetUtcNow();
        DateTimeOffset cutoff = now - Grace;
        List<Guid> stale = await db.RunnerScoring
            .Where(state => state.RequestedVersion > state.ScoredVersion && state.RequestedAt < cutoff)
            .Select(state => state.RunnerId)
            .ToListAsync(cancellationToken);
        List<Guid> pending = await db.Activities
            .Where(activity => activity.ScoringState == ActivityScoringState.Pending && activity.UploadedAt < cutoff)
            .Where(activity => !db.RunnerScoring.Any(state => state.RunnerId == activity.RunnerId && state.RequestedAt >= cutoff))
            .Select(activity => activity.RunnerId)
            .Distinct()
            .ToListAsync(cancellationToken);

        Guid[] runners = [.. stale.Union(pending)];
        foreach (Guid runnerId in runners)
        {
            // Pushes requested_at forward so the next sweep waits for this job instead of enqueuing again.
            await db.Database.ExecuteSqlAsync(
                $"UPDATE runrecovery.runner_scoring SET requested_at = {now}, job_pending = true WHERE runner_id = {runnerId}", cancellationToken);
            scoring.Enqueue(runnerId);
        }

        return runners.Length;
    }
}

public sealed class SweepUnscoredJob(ISender sender)
{
    public const string RecurringId = "sweep-unscored";

    [Queue(ScoreRunnerJob.Queue), AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(CancellationToken cancellationToken) =>
        await sender.Send(new SweepUnscored(), cancellationToken);
}
