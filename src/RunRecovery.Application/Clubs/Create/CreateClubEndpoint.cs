using RunRecovery.Application.Authentication;

namespace RunRecovery.Application.Clubs.Create;

public static class CreateClubEndpoint
{
    public static void Map(RouteGroupBuilder clubs) =>
        clubs.MapPost("/", HandleAsync)
            .WithName("CreateClub")
            .WithSummary("Create a club; the caller becomes its admin.")
            .ProducesValidationProblem();

    private static async Task<Created<ClubSummary>> HandleAsync(
        CreateClubRequest request, CurrentRunner runner, ISender sender, CancellationToken cancellationToken)
    {
        ClubSummary club = await sender.Send(new CreateClub(runner.Id, request.Name), cancellationToken);
        return TypedResults.Created($"/api/clubs/{club.Id}", club);
    }
}
