using RunRecovery.Application.Authentication;

namespace RunRecovery.Application.Clubs.Members;

public static class ListClubMembersEndpoint
{
    public static void Map(RouteGroupBuilder clubs) =>
        clubs.MapGet("/{clubId:guid}/members", HandleAsync)
            .WithName("ListClubMembers")
            .WithSummary("Admins: the coach's view — each member's readiness, acute:chronic ratio, this week's distance and time, and top due recommendation.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<Ok<IReadOnlyList<MemberReadiness>>> HandleAsync(
        Guid clubId, CurrentRunner runner, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new ListClubMembers(runner.Id, clubId), cancellationToken));
}
