using System.Text.Json;
using Microsoft.Extensions.Options;
using RunRecovery.Application.LoadInputs;
using RunRecovery.Application.Persistence;
using RunRecovery.Application.Webhooks;
using RunRecovery.Scoring.Load;
using RunRecovery.Scoring.Planning;

namespace RunRecovery.Application.Rescoring;

/// <summary>Recompute one runner: loads of every activity, the series, and the open part of the queue.</summary>
public sealed record ScoreRunner(Guid RunnerId) : ICommand<ScoreRunnerResult>;

/// <param name="Ran">False when there was nothing to do (runner gone).</param>
public sealed record ScoreRunnerResult(bool Ran, long ScoredVersion, int ActivitiesScored, int OpenRecommendations);

/// <summary>
/// Idempotent: the result depends only on the stored activities, profile, check-ins and feedback, and "now".
/// Two workers never interleave for one runner: the recompute runs under a PostgreSQL transaction-scoped advisory
/// lock keyed by the runner. The recompute is full (every activity of the runner): the planner takes milliseconds
/// for years of history, and a full recompute cannot miss a change.
/// </summary>
public sealed class ScoreRunnerHandler(RunRecoveryDb db, ScoringQueue queue, ActivityEvents events, TimeProvider clock, IOptions<ScoringOptions> options) : ICommandHandler<ScoreRunner, ScoreRunnerResult>
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
        await queue.LockRecomputeAsync(runnerId, cancellationToken);

        DateTimeOffset now = clock.GetUtcNow();
        DateTimeOffset asOf = options.Value.PlanAsOfUtc ?? now;
        RunnerPlanInputs? inputs = await RunnerPlanInputs.LoadAsync(db, runnerId, asOf, cancellationToken);
        if (inputs is null)
        {
            return new ScoreRunnerResult(false, 0, 0, 0);
        }

        LoadHistory history = LoadHistory.Build(inputs.Profile, inputs.AllInputs);
        RecoveryPlan plan = RecoveryPlanner.Plan(history, inputs.Reports, asOf);

        var changed = new List<Activity>();
        int scored = await StoreActivityLoadsAsync(runnerId, history, now, changed, cancellationToken);
        List<ActivityEvent> scoredEvents = changed.Count > 0 && await events.WantedAsync(runnerId, cancellationToken)
            ? [.. changed.Select(a => events.New(ActivityEventTypes.Scored, runnerId, a.Id, new ScoredActivity(a.Id, a.Sport, a.StartUtc, a.ScoringState, a.RecoveryHours, a.ScoredAt)))]
            : [];
        int open = await OpenRecommendations.ReplaceAsync(
            db, runnerId, plan.Recommendations, history.Activities.Select(a => a.Id).ToHashSet(StringComparer.Ordinal), history.Zone, asOf, cancellationToken);

        // The runner's scoring row before the first write (docs/architecture.md, "Lock order"): every writer of a
        // runner's rows takes it first, so a recompute never holds an activity or recommendation row that a delete,
        // a patch or an acted-on item waits for while it waits for their scoring row lock.
        await queue.LockAsync(runnerId, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);

        await queue.CompleteAsync(runnerId, version, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        scoredEvents.ForEach(events.Enqueue);
        return new ScoreRunnerResult(true, version, scored, open);
    }

    /// <summary>Stores each activity's loads; <paramref name="changed"/> receives those newly scored, whose loads changed, or that newly became excluded or unscorable (an <c>activity.scored</c> event each).</summary>
    private async Task<int> StoreActivityLoadsAsync(Guid runnerId, LoadHistory history, DateTimeOffset now, List<Activity> changed, CancellationToken cancellationToken)
    {
        ILookup<Guid, ActivityLoad> byActivity = history.Activities.ToLookup(load => ActivityIdOf(load.Id));
        List<Activity> activities = await db.Activities.Where(activity => activity.RunnerId == runnerId).ToListAsync(cancellationToken);
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

                activity.ScoringState = ActivityScoringState.Unscorable;
                activity.ScoringNote = "The file has no calendar start time or no duration, so it cannot be placed in the load series.";
                activity.LoadsJson = null;
                activity.RecoveryHours = null;
                activity.ScoredAt ??= now;
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

        return scored;
    }

    /// <summary>The <c>activity</c> of an <c>activity.scored</c> event (the loads themselves: <c>GET /api/activities/{id}</c>).</summary>
    public sealed record ScoredActivity(Guid Id, string Sport, DateTimeOffset? StartUtc, string ScoringState, double? RecoveryHours, DateTimeOffset? ScoredAt);

    /// <summary>The planner's id is the activity's id, with "#n" for one session of a multisport file.</summary>
    public static Guid ActivityIdOf(string plannerId)
    {
        int hash = plannerId.IndexOf('#', StringComparison.Ordinal);
        return Guid.Parse(hash < 0 ? plannerId : plannerId[..hash]);
    }
}
