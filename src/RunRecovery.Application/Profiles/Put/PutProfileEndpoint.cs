using RunRecovery.Application.Authentication;

namespace RunRecovery.Application.Profiles.Put;

public static class PutProfileEndpoint
{
    public static void Map(RouteGroupBuilder runners) =>
        runners.MapPut("/me/profile", HandleAsync)
            .RequireAuthorization()
            .WithTags("Profile")
            .WithName("PutProfile")
            .WithSummary("Replace the runner's recovery profile; the runner is rescored. A webhook URL must be https and public.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized);

    private static async Task<Ok<RunnerProfileView>> HandleAsync(
        PutProfile request, CurrentRunner runner, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(request with { RunnerId = runner.Id }, cancellationToken));
}
