using RunRecovery.Application.Authentication;

namespace RunRecovery.Application.Activities.Delete;

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
