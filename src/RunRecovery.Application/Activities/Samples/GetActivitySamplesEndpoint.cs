using RunRecovery.Application.Authentication;

namespace RunRecovery.Application.Activities.Samples;

public static class GetActivitySamplesEndpoint
{
    public static void Map(RouteGroupBuilder activities) =>
        activities.MapGet("/{id:guid}/samples", HandleAsync)
            .RequireAuthorization()
            .WithName("GetActivitySamples")
            .WithSummary("The activity's samples bucketed for charts: ?every=10s (default), 1m, 30…; ?types=time,heartRate,speed,altitude,distance,cadence,latlng,power (default all)")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<Ok<SampleSeries>> HandleAsync(
        Guid id, CurrentRunner runner, ISender sender, CancellationToken cancellationToken, string? every = null, string? types = null) =>
        TypedResults.Ok(await sender.Send(new GetActivitySamples(runner.Id, id, every, types), cancellationToken));
}
