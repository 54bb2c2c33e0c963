using RunRecovery.Application.Authentication;
using RunRecovery.Application.Errors;
using RunRecovery.Application.Persistence;

namespace RunRecovery.Application.Activities.GetFile;

public sealed record GetActivityFile(Guid RunnerId, Guid ActivityId) : IQuery<ActivityFileContent>;

public sealed record ActivityFileContent(byte[] Content, string ContentType, string? FileName);

public sealed class GetActivityFileHandler(RunRecoveryDb db) : IQueryHandler<GetActivityFile, ActivityFileContent>
{
    public async ValueTask<ActivityFileContent> Handle(GetActivityFile query, CancellationToken cancellationToken)
    {
        var found = await (
            from activity in db.Activities
            join content in db.ActivityContents on activity.Id equals content.ActivityId
            where activity.Id == query.ActivityId && activity.RunnerId == query.RunnerId
            select new { content.Content, activity.ContentType, activity.FileName })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException($"No activity {query.ActivityId}.");
        return new ActivityFileContent(found.Content, found.ContentType, found.FileName);
    }
}

public static class GetActivityFileEndpoint
{
    public static void Map(RouteGroupBuilder activities) =>
        activities.MapGet("/{id:guid}/file", HandleAsync)
            .RequireAuthorization()
            .WithName("GetActivityFile")
            .WithSummary("The original file, byte for byte, with its content type.")
            .Produces<byte[]>(StatusCodes.Status200OK, "application/vnd.ant.fit", "application/gpx+xml", "application/vnd.garmin.tcx+xml", "application/gzip")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<FileContentHttpResult> HandleAsync(Guid id, CurrentRunner runner, ISender sender, CancellationToken cancellationToken)
    {
        ActivityFileContent file = await sender.Send(new GetActivityFile(runner.Id, id), cancellationToken);
        return TypedResults.File(file.Content, file.ContentType, file.FileName is null ? null : Path.GetFileName(file.FileName.Split('!')[^1]));
    }
}
