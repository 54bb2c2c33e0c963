using RunRecovery.Application.Authentication;

namespace RunRecovery.Application.Checkins.Create;

public static class CreateCheckinEndpoint
{
    public static void Map(RouteGroupBuilder runners) =>
        runners.MapPost("/me/checkins", HandleAsync)
            .RequireAuthorization()
            .WithTags("Check-ins")
            .WithName("CreateCheckin")
            .WithSummary("Report soreness 0–10 per body part, pain, sleep quality and a note; the runner is rescored.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized);

    private static async Task<Created<CheckinView>> HandleAsync(
        CreateCheckin request, CurrentRunner runner, ISender sender, CancellationToken cancellationToken)
    {
        CheckinView created = await sender.Send(request with { RunnerId = runner.Id }, cancellationToken);
        return TypedResults.Created($"/api/runners/me/checkins?from={created.Date:yyyy-MM-dd}", created);
    }
}
