using RunRecovery.Application.Authentication;
using RunRecovery.Application.Persistence;

namespace RunRecovery.Application.Checkins.List;

public sealed record ListCheckins(Guid RunnerId, DateOnly? From, DateOnly? To) : IQuery<IReadOnlyList<CheckinView>>;

public sealed class ListCheckinsHandler(RunRecoveryDb db) : IQueryHandler<ListCheckins, IReadOnlyList<CheckinView>>
{
    public async ValueTask<IReadOnlyList<CheckinView>> Handle(ListCheckins query, CancellationToken cancellationToken)
    {
        IQueryable<Checkin> checkins = db.Checkins.AsNoTracking().Where(c => c.RunnerId == query.RunnerId);
        if (query.From is { } from)
        {
            checkins = checkins.Where(c => c.Date >= from);
        }

        if (query.To is { } to)
        {
            checkins = checkins.Where(c => c.Date <= to);
        }

        List<Checkin> rows = await checkins.OrderByDescending(c => c.Date).ThenByDescending(c => c.CreatedAt).Take(500).ToListAsync(cancellationToken);
        return [.. rows.Select(CheckinView.From)];
    }
}

public static class ListCheckinsEndpoint
{
    public static void Map(RouteGroupBuilder runners) =>
        runners.MapGet("/me/checkins", HandleAsync)
            .RequireAuthorization()
            .WithTags("Check-ins")
            .WithName("ListCheckins")
            .WithSummary("The runner's check-ins, newest day first (at most 500; narrow with from and to).")
            .ProducesProblem(StatusCodes.Status401Unauthorized);

    private static async Task<Ok<IReadOnlyList<CheckinView>>> HandleAsync(
        CurrentRunner runner, ISender sender, CancellationToken cancellationToken, DateOnly? from = null, DateOnly? to = null) =>
        TypedResults.Ok(await sender.Send(new ListCheckins(runner.Id, from, to), cancellationToken));
}
