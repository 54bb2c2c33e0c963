using RunRecovery.Application.Errors;
using RunRecovery.Application.Persistence;
using RunRecovery.Application.Rescoring;
using RunRecovery.Application.Webhooks;

namespace RunRecovery.Application.Activities.Delete;

public sealed record DeleteActivity(Guid RunnerId, Guid ActivityId) : ICommand;

/// <summary>Removes the activity and its file, asks for the runner's series to be rescored, and raises <c>activity.deleted</c>.</summary>
public sealed class DeleteActivityHandler(RunRecoveryDb db, ScoringQueue scoring, ActivityEvents events) : ICommandHandler<DeleteActivity>
{
    public async ValueTask<Unit> Handle(DeleteActivity command, CancellationToken cancellationToken)
    {
        Activity activity = await db.Activities
            .SingleOrDefaultAsync(a => a.Id == command.ActivityId && a.RunnerId == command.RunnerId, cancellationToken)
            ?? throw new NotFoundException($"No activity {command.ActivityId}.");
        ActivityEvent? deleted = await events.WantedAsync(command.RunnerId, cancellationToken)
            ? events.New(ActivityEventTypes.Deleted, command.RunnerId, activity.Id, new DeletedActivity(activity.Id, activity.FileName, activity.Sport, activity.StartUtc))
            : null;
        db.Activities.Remove(activity); // the file goes with it (cascade)
        await scoring.SaveAndRequestAsync(command.RunnerId, activity.StartUtc, cancellationToken);
        if (deleted is not null)
        {
            events.Enqueue(deleted);
        }

        return Unit.Value;
    }
}

/// <summary>The <c>activity</c> of an <c>activity.deleted</c> event: what identified it.</summary>
public sealed record DeletedActivity(Guid Id, string? FileName, string Sport, DateTimeOffset? StartUtc);
