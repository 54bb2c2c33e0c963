using RunRecovery.Application.Authentication;

namespace RunRecovery.Application.Activities.List;

public static class ListActivitiesEndpoint
{
    public static void Map(RouteGroupBuilder activities) =>
        activities.MapGet("/", HandleAsync)
            .RequireAuthorization()
            .WithName("ListActivities")
            .WithSummary("The runner's activities, newest first, a page at a time (pass nextCursor back as cursor); sport filters by sport.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized);

    private static async Task<Ok<ActivityPage>> HandleAsync(
        CurrentRunner runner, ISender sender, CancellationToken cancellationToken,
        DateTimeOffset? from = null, DateTimeOffset? to = null, string? cursor = null, int? limit = null, string? sport = null) =>
        TypedResults.Ok(await sender.Send(new ListActivities(runner.Id, from, to, cursor, limit, sport), cancellationToken));
}
