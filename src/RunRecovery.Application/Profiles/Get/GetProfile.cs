using RunRecovery.Application.Authentication;
using RunRecovery.Application.Persistence;

namespace RunRecovery.Application.Profiles.Get;

public sealed record GetProfile(Guid RunnerId) : IQuery<RunnerProfileView>;

public sealed class GetProfileHandler(RunRecoveryDb db) : IQueryHandler<GetProfile, RunnerProfileView>
{
    public async ValueTask<RunnerProfileView> Handle(GetProfile query, CancellationToken cancellationToken)
    {
        string timeZone = await db.Runners.Where(runner => runner.Id == query.RunnerId).Select(runner => runner.TimeZone).SingleAsync(cancellationToken);
        RunnerSettings settings = await db.RunnerSettings.AsNoTracking().SingleOrDefaultAsync(s => s.RunnerId == query.RunnerId, cancellationToken)
            ?? new RunnerSettings { RunnerId = query.RunnerId };
        return RunnerProfileView.From(settings, timeZone);
    }
}

public static class GetProfileEndpoint
{
    public static void Map(RouteGroupBuilder runners) =>
        runners.MapGet("/me/profile", HandleAsync)
            .RequireAuthorization()
            .WithTags("Profile")
            .WithName("GetProfile")
            .WithSummary("The runner's recovery profile (defaults until one is saved).")
            .ProducesProblem(StatusCodes.Status401Unauthorized);

    private static async Task<Ok<RunnerProfileView>> HandleAsync(CurrentRunner runner, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new GetProfile(runner.Id), cancellationToken));
}
