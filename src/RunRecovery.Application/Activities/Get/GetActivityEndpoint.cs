using RunRecovery.Application.Authentication;

namespace RunRecovery.Application.Activities.Get;

public static class GetActivityEndpoint
{
    public static void Map(RouteGroupBuilder activities) =>
        activities.MapGet("/{id:guid}", HandleAsync)
            .RequireAuthorization()
            .WithName("GetActivity")
            .WithSummary("One activity: summary, metrics, loads, recovery hours and scoring state. The ETag header is the If-Match of a PATCH.")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<Ok<ActivityDetail>> HandleAsync(Guid id, HttpResponse response, CurrentRunner runner, ISender sender, CancellationToken cancellationToken)
    {
        TaggedActivity tagged = await sender.Send(new GetActivity(runner.Id, id), cancellationToken);
        response.Headers.ETag = tagged.ETag;
        return TypedResults.Ok(tagged.Detail);
    }
}
