using Microsoft.EntityFrameworkCore.Storage;
using RunRecovery.Application.Errors;
using RunRecovery.Application.Persistence;
using RunRecovery.Application.Rescoring;

namespace RunRecovery.Application.Runners.Delete;

public sealed record DeleteRunner(Guid RunnerId) : ICommand<RunnerErasure>;

/// <summary>What an erasure removed, for the log (the HTTP answer is 204).</summary>
public sealed record RunnerErasure(int Activities, int HangfireJobs, IReadOnlyList<Guid> ClubsHandedOver, IReadOnlyList<Guid> ClubsDeleted);

/// <summary>
/// Erases the runner and everything about them (docs/security.md, "Runners' data rights"). The relational rows go
/// in one transaction: activities and their files, check-ins, recommendations, scoring and settings (by cascade
/// from the runner row), memberships, import entries that point at the runner or their activities, and the
/// runner's id in clubs' "created by" columns. Hangfire jobs whose payload, state or parameters mention the runner,
/// one of their activities or one of their recommendations are deleted in the same transaction, and once more after
/// it commits (for a job enqueued in between). Clubs: see <see cref="RunnerClubs"/>.
/// </summary>
public sealed class DeleteRunnerHandler(RunRecoveryDb db, ScoringQueue scoring) : ICommandHandler<DeleteRunner, RunnerErasure>
{
    /// <summary>Stands in for an erased runner in columns that say who created a club, invite or import.</summary>
    public static readonly Guid ErasedRunner = Guid.Empty;

    public async ValueTask<RunnerErasure> Handle(DeleteRunner command, CancellationToken cancellationToken)
    {
        Guid runnerId = command.RunnerId;
        int activities;
        int jobs;
        RunnerClubs.Outcome clubs;
        IReadOnlyList<string> needles;
        await using (IDbContextTransaction transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            // The recompute lock (ScoringQueue.LockRecomputeAsync), taken first: a recompute in progress finishes before we go on,
            // one that starts later finds no runner and does nothing. Then the runner's row, FOR UPDATE: it waits for
            // uploads in flight (their inserts hold a key-share lock on it) and makes later ones fail cleanly.
            await scoring.LockRecomputeAsync(runnerId, cancellationToken);
            int found = await db.Database.SqlQuery<int>($"SELECT 1 AS \"Value\" FROM runrecovery.runners WHERE id = {runnerId} FOR UPDATE")
                .CountAsync(cancellationToken);
            if (found == 0)
            {
                throw new NotFoundException("The runner no longer exists.");
            }

            clubs = await RunnerClubs.ReleaseAsync(db, runnerId, cancellationToken);

            List<Guid> activityIds = await db.Activities.Where(a => a.RunnerId == runnerId).Select(a => a.Id).ToListAsync(cancellationToken);
            List<Guid> recommendationIds = await db.Recommendations.Where(r => r.RunnerId == runnerId).Select(r => r.Id).ToListAsync(cancellationToken);
            activities = activityIds.Count;
            needles = [runnerId.ToString("D"), .. activityIds.Select(id => id.ToString("D")), .. recommendationIds.Select(id => id.ToString("D"))];

            await db.ClubImportEntries
                .Where(entry => entry.RunnerId == runnerId || (entry.ActivityId != null && activityIds.Contains(entry.ActivityId.Value)))
                .ExecuteDeleteAsync(cancellationToken);
            await db.Database.ExecuteSqlAsync($"UPDATE runrecovery.clubs SET created_by = {ErasedRunner} WHERE created_by = {runnerId}", cancellationToken);
            await db.Database.ExecuteSqlAsync($"UPDATE runrecovery.club_invites SET created_by = {ErasedRunner} WHERE created_by = {runnerId}", cancellationToken);
            await db.Database.ExecuteSqlAsync($"UPDATE runrecovery.club_imports SET created_by = {ErasedRunner} WHERE created_by = {runnerId}", cancellationToken);

            // Files first (the largest rows), then the runner: the cascade takes activities, check-ins,
            // recommendations, scoring, settings and memberships.
            await db.ActivityContents.Where(c => activityIds.Contains(c.ActivityId)).ExecuteDeleteAsync(cancellationToken);
            await db.Runners.Where(r => r.Id == runnerId).ExecuteDeleteAsync(cancellationToken);

            jobs = await HangfirePayloads.PurgeAsync(db, needles, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        jobs += await HangfirePayloads.PurgeAsync(db, needles, cancellationToken);
        return new RunnerErasure(activities, jobs, clubs.HandedOver, clubs.Deleted);
    }
}
