using RunRecovery.Application.Authentication;

namespace RunRecovery.Application.Clubs.Managed;

public static class AddManagedRunnerEndpoint
{
    public static void Map(RouteGroupBuilder clubs) =>
        clubs.MapPost("/{clubId:guid}/managed-runners", HandleAsync)
            .WithName("AddManagedRunner")
            .WithSummary("Admins: add a runner who has no account yet; the answer carries their one-time claim code.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

    private static async Task<Created<ManagedRunner>> HandleAsync(
        Guid clubId, AddManagedRunnerRequest request, CurrentRunner runner, ISender sender, CancellationToken cancellationToken)
    {
        ManagedRunner managed = await sender.Send(new AddManagedRunner(runner.Id, clubId, request), cancellationToken);
        return TypedResults.Created($"/api/clubs/{clubId}/members", managed);
    }
}
