using RunRecovery.Application.Authentication;

namespace RunRecovery.Application.Activities.Splits;

public static class GetActivitySplitsEndpoint
{
    public static void Map(RouteGroupBuilder activities) =>
        activities.MapGet("/{id:guid}/splits", HandleAsync)
            .RequireAuthorization()
            .WithName("GetActivitySplits")
            .WithSummary("The activity's splits per kilometre (?unit=km, the default) or per mile (?unit=mi); pace in s/km.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<Ok<ActivitySplits>> HandleAsync(
        Guid id, CurrentRunner runner, ISender sender, CancellationToken cancellationToken, string? unit = null) =>
        TypedResults.Ok(await sender.Send(new GetActivitySplits(runner.Id, id, unit), cancellationToken));
}
