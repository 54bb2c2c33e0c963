using RunRecovery.Application.Authentication;

namespace RunRecovery.Application.Clubs.Leave;

public static class LeaveClubEndpoint
{
    public static void Map(RouteGroupBuilder clubs) =>
        clubs.MapDelete("/{clubId:guid}/members/me", HandleAsync)
            .WithName("LeaveClub")
            .WithSummary("Leave a club (the last admin must first make someone else admin).")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

    private static async Task<NoContent> HandleAsync(Guid clubId, CurrentRunner runner, ISender sender, CancellationToken cancellationToken)
    {
        await sender.Send(new LeaveClub(runner.Id, clubId), cancellationToken);
        return TypedResults.NoContent();
    }
}
