using System.Data.Common;
using System.Text.Json;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;
using Npgsql;
using RunRecovery.Application.LoadInputs;
using RunRecovery.Application.Persistence;
using RunRecovery.Application.Webhooks;
using RunRecovery.Scoring.Load;
using RunRecovery.Scoring.Planning;

namespace RunRecovery.Application.Rescoring;

/// <summary>Recompute one runner: loads of every activity, the series, and the open part of the queue.</summary>
public sealed record ScoreRunner(Guid RunnerId) : ICommand<ScoreRunnerResult>;

/// <param name="Ran">False when there was nothing to do (runner gone).</param>
/// <param name="ActivitiesScored">Activities whose loads this recompute computed and stored: every scored one after a
/// rebuild, only the new ones when it appended to a remembered history.</param>
public sealed record ScoreRunnerResult(bool Ran, long ScoredVersion, int ActivitiesScored, int OpenRecommendations);

/// <summary>
/// Idempotent: the result depends only on the stored activities, profile, check-ins and feedback, and "now".
/// Two workers never interleave for one runner: the recompute runs under a PostgreSQL transaction-scoped advisory
/// lock keyed by the runner. The load history is extended with the new activities when this process remembers it
/// and nothing else changed (<see cref="RunnerHistoryCache"/>, <see cref="VersionedLoadHistory"/>), else rebuilt from
/// every stored input; either gives the same result.
/// </summary>
public sealed partial class ScoreRunnerHandler(
    RunRecoveryDb db, ScoringQueue queue, ActivityEvents events, TimeProvider clock, IOptions<ScoringOptions> options, RunnerHistoryCache histories)
    : ICommandHandler<ScoreRunner, ScoreRunnerResult>
{
    public async ValueTask<ScoreRunnerResult> Handle(ScoreRunner command, CancellationToken cancellationToken)
    {
        Guid runnerId = command.RunnerId;

        // 1. Claim the request: from here on, new changes enqueue a fresh job (which waits for our lock).
        if (await queue.ClaimAsync(runnerId, cancellationToken) is not { } version)
        {
            return new ScoreRunnerResult(false, 0, 0, 0);
        }

        // 2. Recompute under the runner's recompute lock.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Database.AutoSavepointsEnabled = false; // a failed write fails the job (Hangfire retries it whole): no savepoint round trips
        await queue.LockRecomputeAsync(runnerId, cancellationToken);

        DateTimeOffset now = clock.GetUtcNow();
        DateTimeOffset asOf = options.Value.PlanAsOfUtc ?? now;
        RunnerPlanInputs? inputs = await RunnerPlanInputs.LoadAsync(db, runnerId, asOf, withActivities: false, cancellationToken);
        if (inputs is null)
        {
            histories.Remove(runnerId);
            return new ScoreRunnerResult(false, 0, 0, 0);
        }

        // The remembered history extended with the new activities when that is provably the same, else from scratch.
        Dictionary<Guid, long> stored = await StoredVersionsAsync(runnerId, cancellationToken);
        VersionedLoadHistory? remembered = histories.Get(runnerId);
        IReadOnlyCollection<Guid> keys = VersionedLoadHistory.KeysToRead(remembered, inputs.ProfileStamp, stored);
        List<StoredLoadInputs> read = await ReadInputsAsync(runnerId, keys.Count == stored.Count ? null : keys, cancellationToken);
        VersionedLoadHistory? next = VersionedLoadHistory.TryAppend(remembered, inputs.ProfileStamp, stored, read, asOf, out LoadHistory? appended, out IReadOnlyList<ActivityLoad> scoredLoads);
        histories.Count(appended: next is not null);
        LoadHistory history;
        if (next is not null && appended is not null)
        {
            history = appended; // only the recent activities: the others' stored loads stay as they are
        }
        else
        {
            if (keys.Count != stored.Count)
            {
                read = await ReadInputsAsync(runnerId, null, cancellationToken);
            }

            next = VersionedLoadHistory.Build(inputs.Profile, inputs.ProfileStamp, read, asOf, out history);
            scoredLoads = history.Activities;
        }

        // The rows whose loads this recompute stores: those whose inputs it read. A row committed after the read (an
        // upload landing now) is left as it is for the recompute its upload requested, never marked unscorable here.
        HashSet<Guid> rows = [.. read.Select(r => r.Key)];

        RecoveryPlan plan = RecoveryPlanner.Plan(history, inputs.Reports, asOf);

        var changed = new List<Activity>();
        int scored = await StoreActivityLoadsAsync(runnerId, scoredLoads, rows, now, changed, cancellationToken);
        List<ActivityEvent> scoredEvents = changed.Count > 0 && await events.WantedAsync(runnerId, cancellationToken)
            ? [.. changed.Select(a => events.New(ActivityEventTypes.Scored, runnerId, a.Id, new ScoredActivity(a.Id, a.Sport, a.StartUtc, a.ScoringState, a.RecoveryHours, a.ScoredAt)))]
            : [];
        int open = await OpenRecommendations.ReplaceAsync(
            db, runnerId, plan.Recommendations, ActivityIds(stored.Keys, history), history.Zone, asOf, cancellationToken);

        // The runner's scoring row before the first write (docs/architecture.md, "Lock order"): every writer of a
        // runner's rows takes it first, so a recompute never holds an activity or recommendation row that a delete,
        // a patch or an acted-on item waits for while it waits for their scoring row lock.
        await queue.LockAsync(runnerId, cancellationToken);

        // Under the lock nobody else changes the runner's activities until we commit: the versions listed now are the
        // rows as our writes find them, and the listing after the writes differs from it only by what we wrote.
        Dictionary<Guid, long> beforeWrites = await StoredVersionsAsync(runnerId, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        Dictionary<Guid, long> afterWrites = changed.Count == 0 ? beforeWrites : await StoredVersionsAsync(runnerId, cancellationToken);

        await queue.CompleteAsync(runnerId, version, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        histories.Set(runnerId, next.WithVersions(WrittenByThisRecompute(next, beforeWrites, afterWrites)));

        scoredEvents.ForEach(events.Enqueue);
        return new ScoreRunnerResult(true, version, scored, open);
    }

    /// <summary>
    /// Stores each activity's loads (<paramref name="scoredLoads"/>) of <paramref name="rows"/>, the rows whose inputs the recompute read (an
    /// appended history leaves the others' as they are; a row committed after the read waits for its own recompute); <paramref name="changed"/> receives those newly scored, whose loads changed, or that newly became
    /// excluded or unscorable (an <c>activity.scored</c> event each). Reads only the scoring columns (not the metrics or
    /// load inputs) and writes only the rows that change. Returns the number of scored rows among those read.
    /// </summary>
    private async Task<int> StoreActivityLoadsAsync(
        Guid runnerId, IReadOnlyList<ActivityLoad> scoredLoads, HashSet<Guid> rows, DateTimeOffset now, List<Activity> changed, CancellationToken cancellationToken)
    {
        ILookup<Guid, ActivityLoad> byActivity = scoredLoads.ToLookup(load => ActivityIdOf(load.Id));
        Guid[] only = [.. rows];
        // Rows outside the load model (no start, excluded) are not remembered: each recompute settles them.
        var activities = await db.Activities.AsNoTracking()
            .Where(activity => activity.RunnerId == runnerId && (only.Contains(activity.Id) || activity.StartUtc == null || activity.ExcludeFromLoad))
            .Select(activity => new Activity
            {
                Id = activity.Id,
                RunnerId = activity.RunnerId,
                Sport = activity.Sport,
                StartUtc = activity.StartUtc,
                ExcludeFromLoad = activity.ExcludeFromLoad,
                ScoringState = activity.ScoringState,
                ScoringNote = activity.ScoringNote,
                LoadsJson = activity.LoadsJson,
                RecoveryHours = activity.RecoveryHours,
                ScoredAt = activity.ScoredAt,
            })
            .ToListAsync(cancellationToken);
        int scored = 0;
        foreach (Activity activity in activities)
        {
            if (activity.ExcludeFromLoad)
            {
                // The load model never saw it (RunnerPlanInputs skips excluded activities): listed, not scored.
                if (activity.ScoringState != ActivityScoringState.Excluded)
                {
                    activity.ScoringState = ActivityScoringState.Excluded;
                    activity.ScoringNote = "Excluded from the load by the runner.";
                    activity.LoadsJson = null;
                    activity.RecoveryHours = null;
                    activity.ScoredAt = now;
                    changed.Add(activity); // integrators learn that its loads are gone
                }

                continue;
            }

            ActivityLoad[] loads = [.. byActivity[activity.Id]];
            if (loads.Length == 0)
            {
                if (activity.ScoringState != ActivityScoringState.Unscorable)
                {
                    changed.Add(activity);
                }

                if (activity.ScoringState != ActivityScoringState.Unscorable || activity.LoadsJson is not null || activity.RecoveryHours is not null || activity.ScoredAt is null)
                {
                    activity.ScoringState = ActivityScoringState.Unscorable;
                    activity.ScoringNote = "The file has no calendar start time or no duration, so it cannot be placed in the load series.";
                    activity.LoadsJson = null;
                    activity.RecoveryHours = null;
                    activity.ScoredAt ??= now;
                    Write(activity);
                }

                continue;
            }

            string json = JsonSerializer.Serialize(loads, StoredModelJson.Options);
            double recovery = loads.Max(load => load.RecoveryHours);
            if (activity.ScoringState != ActivityScoringState.Scored || activity.LoadsJson != json)
            {
                activity.ScoringState = ActivityScoringState.Scored;
                activity.ScoringNote = null;
                activity.LoadsJson = json;
                activity.RecoveryHours = recovery;
                activity.ScoredAt = now;
                changed.Add(activity);
            }

            scored++;
        }

        foreach (Activity activity in changed)
        {
            Write(activity);
        }

        return scored;
    }

    /// <summary>Saves the scoring columns of a row read without its other columns (<see cref="StoreActivityLoadsAsync"/>).</summary>
    private void Write(Activity activity)
    {
        EntityEntry<Activity> entry = db.Entry(activity);
        if (entry.State != EntityState.Detached)
        {
            return;
        }

        entry.State = EntityState.Unchanged;
        entry.Property(a => a.ScoringState).IsModified = true;
        entry.Property(a => a.ScoringNote).IsModified = true;
        entry.Property(a => a.LoadsJson).IsModified = true;
        entry.Property(a => a.RecoveryHours).IsModified = true;
        entry.Property(a => a.ScoredAt).IsModified = true;
    }

    /// <summary>The ids an open item may be about (<see cref="QueueContradictions"/>): every stored activity in the load
    /// model and the planner's ids of the history (one per session of a multisport file).</summary>
    private static HashSet<string> ActivityIds(IEnumerable<Guid> stored, LoadHistory history)
    {
        var ids = new HashSet<string>(stored.Select(id => id.ToString()), StringComparer.Ordinal);
        ids.UnionWith(history.Activities.Select(a => a.Id));
        return ids;
    }

    /// <summary>
    /// The new versions of the remembered rows this recompute itself rewrote: those still in the version it read them
    /// in when it took the lock (<paramref name="beforeWrites"/>), with their version after its writes. Every other
    /// remembered row keeps the version its inputs were read in: one changed or deleted by someone else since the read
    /// then no longer matches, so the next recompute rebuilds, while rows added since the read (an upload that landed
    /// during the recompute) are simply new to the next one, which appends them (docs/reliability.md, "Incremental
    /// rescoring"). Before issue 18 point 3 the whole entry was dropped whenever anything changed during the recompute.
    /// </summary>
    private static IEnumerable<KeyValuePair<Guid, long>> WrittenByThisRecompute(
        VersionedLoadHistory history, Dictionary<Guid, long> beforeWrites, Dictionary<Guid, long> afterWrites) =>
        history.RowVersions
            .Where(row => beforeWrites.TryGetValue(row.Key, out long locked) && locked == row.Value && afterWrites.TryGetValue(row.Key, out long written) && written != row.Value)
            .Select(row => KeyValuePair.Create(row.Key, afterWrites[row.Key]));

    /// <summary>The <c>activity</c> of an <c>activity.scored</c> event (the loads themselves: <c>GET /api/activities/{id}</c>).</summary>
    public sealed record ScoredActivity(Guid Id, string Sport, DateTimeOffset? StartUtc, string ScoringState, double? RecoveryHours, DateTimeOffset? ScoredAt);

    /// <summary>The planner's id is the activity's id, with "#n" for one session of a multisport file.</summary>
    public static Guid ActivityIdOf(string plannerId)
    {
        int hash = plannerId.IndexOf('#', StringComparison.Ordinal);
        return Guid.Parse(hash < 0 ? plannerId : plannerId[..hash]);
    }
}
