using RunRecovery.Application.Authentication;
using RunRecovery.Application.Contracts;
using RunRecovery.Scoring.Planning;

namespace RunRecovery.Application.Profiles.Put;

public static class PutProfileEndpoint
{
    public static void Map(RouteGroupBuilder runners) =>
        runners.MapPut("/me/profile", HandleAsync)
            .RequireAuthorization()
            .WithTags("Profile")
            .WithName("PutProfile")
            .WithSummary("Replace the runner's recovery profile; the runner is rescored. Strict contract: docs/schemas/profile.schema.json, served at /api/schemas/profile.schema.json. A webhook URL must be https and public.")
            .Accepts<object>("application/json")
            .Produces<RunnerProfileView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized);

    // Read by the contract's own reader: unknown, duplicate and out-of-range fields are errors named by JSON path.
    private static async Task<Ok<RunnerProfileView>> HandleAsync(
        HttpRequest request, CurrentRunner runner, ISender sender, TimeProvider clock, CancellationToken cancellationToken)
    {
        RunnerProfile profile = await StrictJson.ReadProfileAsync(request, clock.GetUtcNow(), cancellationToken);
        return TypedResults.Ok(await sender.Send(new PutProfile(profile) { RunnerId = runner.Id }, cancellationToken));
    }
}
