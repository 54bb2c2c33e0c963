using RunRecovery.Application.Activities.Get;
using RunRecovery.Application.Errors;
using RunRecovery.Application.LoadInputs;
using RunRecovery.Application.Persistence;
using RunRecovery.Application.Rescoring;
using RunRecovery.Scoring.Load;
using RunRecovery.Scoring.Recordings;

namespace RunRecovery.Application.Activities.Patch;

/// <param name="IfMatch">The entity tags of <c>If-Match</c> (strong ones, quoted); null when the request had none or "*".</param>
public sealed record PatchActivity(Guid RunnerId, Guid ActivityId, ActivityPatch Patch, IReadOnlyList<string>? IfMatch) : ICommand<PatchActivityResult>;

public enum PatchActivityOutcome
{
    Updated,

    /// <summary><c>If-Match</c> named none of the activity's current tag: it changed since the client read it. Nothing was written.</summary>
    Stale,
}

/// <param name="ETag">The activity's tag after the change (or, when stale, its current one).</param>
public sealed record PatchActivityResult(PatchActivityOutcome Outcome, ActivityDetail Detail, string ETag);

/// <summary>
/// Applies a merge patch to one of the runner's activities. A new sport or <c>excludeFromLoad</c> changes what the load
/// model reads, so the activity goes back to <c>pending</c> and the runner is rescored through the <see cref="ScoringQueue"/>.
/// The row is locked (FOR UPDATE) before its tag is compared, so a recompute cannot slip in between; the locks are taken
/// in the recompute's own order (activity rows, then the runner's scoring row).
/// </summary>
public sealed class PatchActivityHandler(RunRecoveryDb db, ScoringQueue scoring) : ICommandHandler<PatchActivity, PatchActivityResult>
{
    public async ValueTask<PatchActivityResult> Handle(PatchActivity command, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        // The runner's scoring row first, then the activity row (docs/architecture.md, "Lock order"); the other way
        // round a delete of the same runner's activity, which holds the scoring row, and this patch could wait for each other.
        ScoringTicket ticket = await scoring.LockAsync(command.RunnerId, cancellationToken);
        List<Activity> found = await db.Activities
            .FromSql($"SELECT * FROM runrecovery.activities WHERE id = {command.ActivityId} AND runner_id = {command.RunnerId} FOR UPDATE")
            .ToListAsync(cancellationToken);
        Activity activity = found.SingleOrDefault() ?? throw new NotFoundException($"No activity {command.ActivityId}.");

        string current = ActivityETag.Of(activity);
        if (command.IfMatch is { } tags && !tags.Contains(current, StringComparer.Ordinal))
        {
            return new PatchActivityResult(PatchActivityOutcome.Stale, GetActivityHandler.Detail(activity), current);
        }

        ActivityPatch patch = command.Patch;
        bool rescore = false;
        if (patch.Sport is { } sport && sport != activity.Sport)
        {
            ChangeSport(activity, sport);
            rescore = true;
        }

        if (patch.ExcludeFromLoad is { } exclude && exclude != activity.ExcludeFromLoad)
        {
            activity.ExcludeFromLoad = exclude;
            rescore = true;
        }

        if (patch.Name is { } name)
        {
            activity.Name = name;
        }

        if (patch.Notes is { } notes)
        {
            activity.Notes = notes.Length == 0 ? null : notes;
        }

        if (rescore)
        {
            activity.ScoringState = ActivityScoringState.Pending; // until the recompute the stored loads are the old sport's
            await db.SaveChangesAsync(cancellationToken);
            await scoring.RequestAsync(ticket, activity.StartUtc, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            scoring.EnqueueIfNeeded(ticket);
        }
        else
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        return new PatchActivityResult(PatchActivityOutcome.Updated, GetActivityHandler.Detail(activity), ActivityETag.Of(activity));
    }

    /// <summary>The stored sport and the load model's input; a multisport file's sport is its sessions', not the runner's to set.</summary>
    private static void ChangeSport(Activity activity, string sport)
    {
        if (activity.Sport == "multisport")
        {
            throw new RequestValidationException(new Dictionary<string, string[]>
            {
                ["$.sport"] = ["a multisport activity's sport comes from its sessions (swim, bike, run…) and cannot be changed"],
            });
        }

        Sport model = Enum.Parse<Sport>(sport, ignoreCase: true); // one of ActivityPatchReader.Sports, each a Sport name
        IReadOnlyList<ActivityLoadInput> inputs = LoadInputsJson.Deserialize(activity.LoadInputsJson);
        activity.LoadInputsJson = LoadInputsJson.Serialize([.. inputs.Select(input => input with { Sport = model, SubSport = null })]);
        activity.Sport = sport;
    }
}
