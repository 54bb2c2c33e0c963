using RunRecovery.Application.Authentication;

namespace RunRecovery.Application.Runners.RotateKey;

public static class RotateApiKeyEndpoint
{
    public static void Map(RouteGroupBuilder runners) =>
        runners.MapPost("/me/keys", HandleAsync)
            .RequireAuthorization()
            .WithName("RotateApiKey")
            .WithSummary("Issue a new API key; the key used for this request stops working.")
            .ProducesProblem(StatusCodes.Status401Unauthorized);

    private static async Task<Ok<IssuedApiKey>> HandleAsync(
        CurrentRunner runner, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new RotateApiKey(runner.Id), cancellationToken));
}
