using RunRecovery.Application.Authentication;

namespace RunRecovery.Application.Clubs.Invites;

public static class CreateInviteEndpoint
{
    public static void Map(RouteGroupBuilder clubs) =>
        clubs.MapPost("/{clubId:guid}/invites", HandleAsync)
            .WithName("CreateClubInvite")
            .WithSummary("Admins: issue an invite code with an expiry and a number of uses.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<Created<InviteCode>> HandleAsync(
        Guid clubId, CreateInviteRequest? request, CurrentRunner runner, ISender sender, CancellationToken cancellationToken)
    {
        InviteCode invite = await sender.Send(
            new CreateInvite(runner.Id, clubId, request?.ExpiresInHours, request?.MaxUses), cancellationToken);
        return TypedResults.Created($"/api/clubs/{clubId}", invite);
    }
}
