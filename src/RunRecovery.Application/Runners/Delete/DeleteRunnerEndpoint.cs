using Microsoft.Extensions.Logging;
using RunRecovery.Application.Authentication;

namespace RunRecovery.Application.Runners.Delete;

public static class DeleteRunnerEndpoint
{
    public static void Map(RouteGroupBuilder runners) =>
        runners.MapDelete("/me", HandleAsync)
            .RequireAuthorization()
            .WithName("DeleteRunner")
            .WithSummary("Erase the runner and everything about them; the API key and dashboard sessions stop working at once.")
            .WithDescription(
                "Activities and files, check-ins, recommendations, scoring, profile, webhook, memberships and the background jobs " +
                "that mention them. The last admin of a club hands it to its longest-standing member with an account; 409 when " +
                "the only other members are unclaimed managed runners.")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status409Conflict);

    private static async Task<NoContent> HandleAsync(
        CurrentRunner runner, ISender sender, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        RunnerErasure erased = await sender.Send(new DeleteRunner(runner.Id), cancellationToken);
        loggers.CreateLogger(typeof(DeleteRunnerEndpoint)).LogInformation(
            "Runner erased: {Activities} activities, {Jobs} background jobs, {HandedOver} clubs handed over, {Deleted} clubs deleted",
            erased.Activities, erased.HangfireJobs, erased.ClubsHandedOver.Count, erased.ClubsDeleted.Count);
        return TypedResults.NoContent();
    }
}
