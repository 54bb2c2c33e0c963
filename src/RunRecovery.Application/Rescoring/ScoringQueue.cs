using System.Data.Common;
using Hangfire;
using Npgsql;
using NpgsqlTypes;
using RunRecovery.Application.Persistence;

namespace RunRecovery.Application.Rescoring;

/// <summary>
/// The one owner of the scoring-request protocol on <see cref="RunnerScoring"/> (one row per runner, docs/api.md
/// "Scoring jobs"). A change (upload, delete, profile, check-in, feedback) <see cref="LockAsync">locks</see> the
/// runner's row inside the transaction that saves it, <see cref="RequestAsync">requests</see> a recompute, and after
/// commit <see cref="EnqueueIfNeeded">enqueues</see> one unless a job was already waiting. An import
/// <see cref="HoldAsync">holds</see> a member's scoring while it stores their files and <see cref="Release">releases</see>
/// it once, when the member's files are stored (fanned out: by the member's job) or at the import's end. The job <see cref="ClaimAsync">claims</see> the request, recomputes under
/// <see cref="LockRecomputeAsync"/> and <see cref="CompleteAsync">completes</see>; the sweeper
/// <see cref="SweepAsync">sweeps</see> requests nobody scored.
/// </summary>
public sealed class ScoringQueue(RunRecoveryDb db, IBackgroundJobClient jobs, TimeProvider clock)
{
    private const string Table = RunRecoveryDb.Schema + ".runner_scoring";

    private const string CreateRow =
        $$"""
        INSERT INTO {{Table}} (runner_id, requested_version, scored_version, job_pending, requested_at, recomputes)
        VALUES ({0}, 0, 0, false, {1}, 0) ON CONFLICT (runner_id) DO NOTHING
        """;

    private const string HoldRow =
        $$"""
        INSERT INTO {{Table}} (runner_id, requested_version, scored_version, job_pending, requested_at, recomputes)
        VALUES ({0}, 0, 0, true, {1}, 0)
        ON CONFLICT (runner_id) DO UPDATE SET job_pending = true
        """;

    private const string Request =
        $$"""
        UPDATE {{Table}}
        SET requested_version = requested_version + 1, job_pending = true, requested_at = {1},
            dirty_since = CASE WHEN {2}::timestamptz IS NULL THEN dirty_since ELSE LEAST(dirty_since, {2}::timestamptz) END
        WHERE runner_id = {0}
        """;

    private const string Complete =
        $$"""
        UPDATE {{Table}}
        SET scored_version = GREATEST(scored_version, {1}), scored_at = {2}, recomputes = recomputes + 1,
            dirty_since = CASE WHEN requested_version = {1} THEN NULL ELSE dirty_since END
        WHERE runner_id = {0}
        """;

    /// <summary>A request younger than this is left to the job it enqueued; the sweeper takes older ones.</summary>
    public static readonly TimeSpan SweepGrace = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Takes the runner's scoring row lock for the rest of the caller's transaction (creating the row), which also
    /// serialises that runner's changes (the upload's duplicate checks rely on it). The ticket remembers whether a
    /// scoring job was already waiting.
    /// </summary>
    public async Task<ScoringTicket> LockAsync(Guid runnerId, CancellationToken cancellationToken)
    {
        RequireTransaction();
        bool[] pending = await LockRowAsync(runnerId, cancellationToken); // one round trip once the row exists (every upload but a runner's first)
        if (pending.Length == 0)
        {
            await db.Database.ExecuteSqlRawAsync(CreateRow, [runnerId, clock.GetUtcNow()], cancellationToken);
            pending = await LockRowAsync(runnerId, cancellationToken);
        }

        return new ScoringTicket(runnerId, pending.Single());
    }

    private Task<bool[]> LockRowAsync(Guid runnerId, CancellationToken cancellationToken) => db.Database
        .SqlQueryRaw<bool>($"SELECT job_pending AS \"Value\" FROM {Table} WHERE runner_id = {{0}} FOR UPDATE", runnerId)
        .ToArrayAsync(cancellationToken);

    /// <summary>
    /// <see cref="LockAsync"/>'s statement for a caller that sends it in one batch ahead of the reads the lock guards
    /// (the upload: its duplicate checks; PostgreSQL runs a batch's statements in order, each under READ COMMITTED with
    /// a snapshot of its own, so the reads after the lock see every change committed before the lock was granted).
    /// Also reads the row's versions, so <see cref="RequestOnSave"/> can write the request with the caller's inserts.
    /// </summary>
    public static NpgsqlBatchCommand LockCommand(Guid runnerId) =>
        new($"SELECT job_pending, requested_version, dirty_since FROM {Table} WHERE runner_id = $1 FOR UPDATE")
        {
            Parameters = { new NpgsqlParameter { Value = runnerId } },
        };

    /// <summary>The ticket <see cref="LockCommand"/> gave (its result set is current), or null when the runner has no scoring row yet.</summary>
    public static async Task<ScoringTicket?> ReadLockAsync(DbDataReader reader, Guid runnerId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new ScoringTicket(runnerId, reader.GetBoolean(0))
        {
            Locked = new LockedScoringRow(reader.GetInt64(1), await reader.IsDBNullAsync(2, cancellationToken) ? null : reader.GetFieldValue<DateTimeOffset>(2)),
        };
    }

    /// <summary>Creates the runner's scoring row when it has none (a runner's first change); the caller then takes the lock.</summary>
    public async Task CreateRowAsync(Guid runnerId, CancellationToken cancellationToken) =>
        await db.Database.ExecuteSqlRawAsync(CreateRow, [runnerId, clock.GetUtcNow()], cancellationToken);

    /// <summary>
    /// <see cref="RequestAsync"/> written by the caller's next <c>SaveChanges</c>, in the same round trip as its
    /// inserts: the row was read under the lock (<see cref="LockCommand"/>), so its new values are known here. Returns
    /// the tracked row (the caller detaches it after saving), or null when this cannot be done (a ticket from
    /// <see cref="LockAsync"/>, or the row already tracked): the caller then calls <see cref="RequestAsync"/>.
    /// </summary>
    public RunnerScoring? RequestOnSave(ScoringTicket ticket, DateTimeOffset? since)
    {
        RequireTransaction();
        if (ticket.Locked is not { } locked || db.RunnerScoring.Local.Any(row => row.RunnerId == ticket.RunnerId))
        {
            return null;
        }

        var row = new RunnerScoring
        {
            RunnerId = ticket.RunnerId,
            RequestedVersion = locked.RequestedVersion,
            JobPending = ticket.JobWasPending,
            DirtySince = locked.DirtySince,
        };
        var entry = db.RunnerScoring.Attach(row);
        row.RequestedVersion = locked.RequestedVersion + 1;
        row.JobPending = true;
        row.RequestedAt = clock.GetUtcNow();
        // As Request's LEAST(dirty_since, since): the earlier of the two, ignoring a null.
        row.DirtySince = since is { } changed && (locked.DirtySince is not { } dirty || changed < dirty) ? changed : locked.DirtySince;
        entry.Property(r => r.RequestedVersion).IsModified = true;
        entry.Property(r => r.JobPending).IsModified = true;
        entry.Property(r => r.RequestedAt).IsModified = true;
        entry.Property(r => r.DirtySince).IsModified = true;
        return row;
    }

    /// <summary>Records, under the lock, that the runner's series changed from <paramref name="since"/> (null: not date-bound).</summary>
    public async Task RequestAsync(ScoringTicket ticket, DateTimeOffset? since, CancellationToken cancellationToken)
    {
        RequireTransaction();
        var changedSince = new NpgsqlParameter("changed_since", NpgsqlDbType.TimestampTz) { Value = since is { } changed ? changed : DBNull.Value };
        await db.Database.ExecuteSqlRawAsync(Request, [ticket.RunnerId, clock.GetUtcNow(), changedSince], cancellationToken);
    }

    /// <summary>After commit: enqueues the runner's scoring unless a job was already waiting when the lock was taken.</summary>
    public void EnqueueIfNeeded(ScoringTicket ticket)
    {
        if (!ticket.JobWasPending)
        {
            Enqueue(ticket.RunnerId);
        }
    }

    /// <summary>For changes that are not uploads: lock, save, request, commit, enqueue, all in one call.</summary>
    public async Task SaveAndRequestAsync(Guid runnerId, DateTimeOffset? since, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        ScoringTicket ticket = await LockAsync(runnerId, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await RequestAsync(ticket, since, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        EnqueueIfNeeded(ticket);
    }

    /// <summary>
    /// Marks the member's scoring as already requested, so the uploads of an import do not each enqueue a job; the
    /// import <see cref="Release">releases</see> it once per member when it ends. Should it never end, the sweeper
    /// finds the member's unscored activities.
    /// </summary>
    public async Task HoldAsync(Guid runnerId, CancellationToken cancellationToken) =>
        await db.Database.ExecuteSqlRawAsync(HoldRow, [runnerId, clock.GetUtcNow()], cancellationToken);

    /// <summary>Ends a hold (or answers the sweeper): one scoring job for the runner.</summary>
    public void Release(Guid runnerId) => Enqueue(runnerId);

    /// <summary>
    /// The job's first step, in one statement of its own: reads the requested version and clears
    /// <c>job_pending</c>, so changes from here on enqueue a fresh job (which waits for the recompute lock).
    /// Null when the runner has no scoring row (erased).
    /// </summary>
    public async Task<long?> ClaimAsync(Guid runnerId, CancellationToken cancellationToken)
    {
        // One statement (its own transaction): the update locks the row, so no change can request between the read
        // of the version and the clearing of job_pending.
        long[] versions = await db.Database
            .SqlQueryRaw<long>($"UPDATE {Table} SET job_pending = false WHERE runner_id = {{0}} RETURNING requested_version AS \"Value\"", runnerId)
            .ToArrayAsync(cancellationToken);
        return versions.Length == 0 ? null : versions[0];
    }

    /// <summary>
    /// The runner's recompute lock for the rest of the caller's transaction (a transaction-scoped advisory lock):
    /// two recomputes of one runner never interleave, across threads and processes; the erasure takes it too.
    /// </summary>
    public async Task LockRecomputeAsync(Guid runnerId, CancellationToken cancellationToken)
    {
        RequireTransaction();
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({"score:" + runnerId}, 0))", cancellationToken);
    }

    /// <summary>The job's last step, inside the recompute's transaction: the claimed version is scored.</summary>
    public async Task CompleteAsync(Guid runnerId, long version, DateTimeOffset now, CancellationToken cancellationToken)
    {
        RequireTransaction();
        await db.Database.ExecuteSqlRawAsync(Complete, [runnerId, version, now], cancellationToken);
    }

    /// <summary>
    /// Re-enqueues scoring for runners whose change was committed but never scored (a crash between commit and
    /// enqueue, a lost job): requests older than <see cref="SweepGrace"/>, and pending activities of runners without
    /// a recent request. Pushes <c>requested_at</c> forward so the next sweep waits for the job it enqueued.
    /// Members of a running import are left alone: the import <see cref="HoldAsync">holds</see> their scoring and
    /// releases it once when it ends (a stalled import is resumed by <c>resume-stalled-imports</c>), so sweeping them
    /// only scored them twice: a member whose files were stored more than <see cref="SweepGrace"/> before a long
    /// import ended was rescored by the sweep and again by the import (docs/reliability.md, "Scale-out").
    /// </summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        DateTimeOffset now = clock.GetUtcNow();
        DateTimeOffset cutoff = now - SweepGrace;
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
        if (stale.Count + pending.Count == 0)
        {
            return 0;
        }

        List<Guid> importing = await db.ClubImportEntries
            .Where(entry => entry.RunnerId != null
                && db.ClubImports.Any(import => import.Id == entry.ImportId && import.State == ImportState.Running))
            .Select(entry => entry.RunnerId!.Value)
            .Distinct()
            .ToListAsync(cancellationToken);

        Guid[] runners = [.. stale.Union(pending).Except(importing)];
        foreach (Guid runnerId in runners)
        {
            await db.Database.ExecuteSqlRawAsync(
                $"UPDATE {Table} SET requested_at = {{1}}, job_pending = true WHERE runner_id = {{0}}", [runnerId, now], cancellationToken);
            Release(runnerId);
        }

        return runners.Length;
    }

    private void Enqueue(Guid runnerId) =>
        jobs.Enqueue<ScoreRunnerJob>(job => job.RunAsync(runnerId, CancellationToken.None));

    private void RequireTransaction()
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("The scoring queue's locks and requests belong inside the caller's transaction.");
        }
    }
}

/// <summary>What <see cref="ScoringQueue.LockAsync"/> found: the runner, and whether a scoring job was already waiting.</summary>
public readonly record struct ScoringTicket(Guid RunnerId, bool JobWasPending)
{
    /// <summary>The row's values read under the lock (<see cref="ScoringQueue.LockCommand"/>); null from <see cref="ScoringQueue.LockAsync"/>.</summary>
    public LockedScoringRow? Locked { get; init; }
}

/// <summary>A scoring row's request state as read under its lock.</summary>
public readonly record struct LockedScoringRow(long RequestedVersion, DateTimeOffset? DirtySince);
