using RunRecovery.Application.Authentication;

namespace RunRecovery.Application.Runners.GetCurrent;

public static class GetCurrentRunnerEndpoint
{
    public static void Map(RouteGroupBuilder runners) =>
        runners.MapGet("/me", HandleAsync)
            .RequireAuthorization()
            .WithName("GetCurrentRunner")
            .WithSummary("The runner the API key belongs to.")
            .ProducesProblem(StatusCodes.Status401Unauthorized);

    private static async Task<Ok<RunnerAccount>> HandleAsync(
        CurrentRunner runner, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new GetCurrentRunner(runner.Id), cancellationToken));
}
