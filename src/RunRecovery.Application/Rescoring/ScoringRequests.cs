using Hangfire;
using Microsoft.EntityFrameworkCore;
using RunRecovery.Application.Persistence;

namespace RunRecovery.Application.Rescoring;

/// <summary>
/// Asks for a runner to be rescored, coalesced through <see cref="RunnerScoring"/>. Call <see cref="LockAsync"/>
/// and <see cref="MarkDirtyAsync"/> inside the transaction that saves the change, then <see cref="EnqueueIfNeeded"/>
/// after it commits: only the first change since the last job started enqueues one.
/// </summary>
public sealed class ScoringRequests(RunRecoveryDb db, IBackgroundJobClient jobs, TimeProvider clock)
{
    /// <summary>
    /// Takes the runner's scoring row lock for the rest of the transaction (creating the row), which also
    /// serialises that runner's uploads; returns whether a scoring job is already waiting.
    /// </summary>
    public async Task<bool> LockAsync(Guid runnerId, CancellationToken cancellationToken)
    {
        DateTimeOffset now = clock.GetUtcNow();
        await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO runrecovery.runner_scoring (runner_id, requested_version, scored_version, job_pending, requested_at, recomputes)
            VALUES ({runnerId}, 0, 0, false, {now}, 0) ON CONFLICT (runner_id) DO NOTHING
            """,
            cancellationToken);
        return await db.Database
            .SqlQuery<bool>($"SELECT job_pending AS \"Value\" FROM runrecovery.runner_scoring WHERE runner_id = {runnerId} FOR UPDATE")
            .SingleAsync(cancellationToken);
    }

    /// <summary>Records that the runner's series changed from <paramref name="since"/> (null: not date-bound).</summary>
    public async Task MarkDirtyAsync(Guid runnerId, DateTimeOffset? since, CancellationToken cancellationToken)
    {
        DateTimeOffset now = clock.GetUtcNow();
        await db.Database.ExecuteSqlAsync(
            $"""
            UPDATE runrecovery.runner_scoring
            SET requested_version = requested_version + 1, job_pending = true, requested_at = {now},
                dirty_since = CASE WHEN {since}::timestamptz IS NULL THEN dirty_since ELSE LEAST(dirty_since, {since}::timestamptz) END
            WHERE runner_id = {runnerId}
            """,
            cancellationToken);
    }

    /// <summary>Enqueues the runner's scoring unless a job was already waiting when the lock was taken.</summary>
    public void EnqueueIfNeeded(Guid runnerId, bool jobWasPending)
    {
        if (!jobWasPending)
        {
            Enqueue(runnerId);
        }
    }

    public void Enqueue(Guid runnerId) =>
        jobs.Enqueue<ScoreRunnerJob>(job => job.RunAsync(runnerId, CancellationToken.None));

    /// <summary>For changes that are not uploads: lock, mark, save, commit, enqueue, all in one call.</summary>
    public async Task SaveAndRequestAsync(Guid runnerId, DateTimeOffset? since, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        bool pending = await LockAsync(runnerId, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await MarkDirtyAsync(runnerId, since, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        EnqueueIfNeeded(runnerId, pending);
    }
}
