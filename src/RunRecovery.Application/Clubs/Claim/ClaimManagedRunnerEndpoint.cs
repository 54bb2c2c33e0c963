using RunRecovery.Application.Runners.Create;

namespace RunRecovery.Application.Clubs.Claim;

public static class ClaimManagedRunnerEndpoint
{
    public static void Map(RouteGroupBuilder clubs) =>
        clubs.MapPost("/claim", HandleAsync)
            .AllowAnonymous()
            .WithName("ClaimManagedRunner")
            .WithSummary("A managed runner claims their account with the club's claim code; the answer carries their API key, shown once.")
            .ProducesValidationProblem();

    private static async Task<Ok<CreatedRunner>> HandleAsync(
        ClaimManagedRunnerRequest request, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new ClaimManagedRunner(request.Code), cancellationToken));
}
