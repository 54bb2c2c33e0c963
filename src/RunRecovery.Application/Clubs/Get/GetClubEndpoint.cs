using RunRecovery.Application.Authentication;

namespace RunRecovery.Application.Clubs.Get;

public static class GetClubEndpoint
{
    public static void Map(RouteGroupBuilder clubs)
    {
        clubs.MapGet("/", ListAsync)
            .WithName("ListMyClubs")
            .WithSummary("The clubs the caller belongs to, with their role in each.");
        clubs.MapGet("/{clubId:guid}", GetAsync)
            .WithName("GetClub")
            .WithSummary("One of the caller's clubs (404 for clubs they do not belong to).")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Ok<IReadOnlyList<ClubSummary>>> ListAsync(CurrentRunner runner, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new ListMyClubs(runner.Id), cancellationToken));

    private static async Task<Ok<ClubSummary>> GetAsync(Guid clubId, CurrentRunner runner, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new GetClub(runner.Id, clubId), cancellationToken));
}
