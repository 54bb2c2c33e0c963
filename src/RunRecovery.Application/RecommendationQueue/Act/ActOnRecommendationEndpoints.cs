using RunRecovery.Application.Authentication;
using RunRecovery.Application.Persistence;

namespace RunRecovery.Application.RecommendationQueue.Act;

/// <summary>The optional body of /dismiss.</summary>
public sealed record DismissRequest(string? Reason);

public static class ActOnRecommendationEndpoints
{
    public static void Map(RouteGroupBuilder runners)
    {
        runners.MapPost("/me/recommendations/{id:guid}/done", DoneAsync)
            .RequireAuthorization()
            .WithTags("Recommendations")
            .WithName("MarkRecommendationDone")
            .WithSummary("Mark a recommendation done.")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        runners.MapPost("/me/recommendations/{id:guid}/dismiss", DismissAsync)
            .RequireAuthorization()
            .WithTags("Recommendations")
            .WithName("DismissRecommendation")
            .WithSummary("Dismiss a recommendation, optionally saying why ({\"reason\": \"no time\"}).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<Ok<RecommendationView>> DoneAsync(Guid id, CurrentRunner runner, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new ActOnRecommendation(runner.Id, id, RecommendationStatus.Done, null), cancellationToken));

    private static async Task<Ok<RecommendationView>> DismissAsync(
        Guid id, CurrentRunner runner, ISender sender, CancellationToken cancellationToken, DismissRequest? request = null) =>
        TypedResults.Ok(await sender.Send(new ActOnRecommendation(runner.Id, id, RecommendationStatus.Dismissed, request?.Reason), cancellationToken));
}
