using RunRecovery.Application.Authentication;

namespace RunRecovery.Application.Clubs.Join;

public static class JoinClubEndpoint
{
    public static void Map(RouteGroupBuilder clubs) =>
        clubs.MapPost("/join", HandleAsync)
            .WithName("JoinClub")
            .WithSummary("Join a club with an invite code (unknown, expired or used-up codes answer 400).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);

    private static async Task<Ok<ClubSummary>> HandleAsync(
        JoinClubRequest request, CurrentRunner runner, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new JoinClub(runner.Id, request.Code), cancellationToken));
}
