using RunRecovery.Application.Authentication;
using RunRecovery.Application.Errors;
using RunRecovery.Application.Persistence;
using RunRecovery.Application.Rescoring;

namespace RunRecovery.Application.Activities.Delete;

public sealed record DeleteActivity(Guid RunnerId, Guid ActivityId) : ICommand;

/// <summary>Removes the activity and its file, and asks for the runner's series to be rescored.</summary>
public sealed class DeleteActivityHandler(RunRecoveryDb db, ScoringQueue scoring) : ICommandHandler<DeleteActivity>
{
    public async ValueTask<Unit> Handle(DeleteActivity command, CancellationToken cancellationToken)
    {
        Activity activity = await db.Activities
            .SingleOrDefaultAsync(a => a.Id == command.ActivityId && a.RunnerId == command.RunnerId, cancellationToken)
            ?? throw new NotFoundException($"No activity {command.ActivityId}.");
        db.Activities.Remove(activity); // the file goes with it (cascade)
        await scoring.SaveAndRequestAsync(command.RunnerId, activity.StartUtc, cancellationToken);
        return Unit.Value;
    }
}

public static class DeleteActivityEndpoint
{
    public static void Map(RouteGroupBuilder activities) =>
        activities.MapDelete("/{id:guid}", HandleAsync)
            .RequireAuthorization()
            .WithName("DeleteActivity")
            .WithSummary("Delete an activity and its file; the runner's load series and queue are rescored.")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<NoContent> HandleAsync(Guid id, CurrentRunner runner, ISender sender, CancellationToken cancellationToken)
    {
        await sender.Send(new DeleteActivity(runner.Id, id), cancellationToken);
        return TypedResults.NoContent();
    }
}
