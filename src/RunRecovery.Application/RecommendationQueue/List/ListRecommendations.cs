using RunRecovery.Application.Authentication;
using RunRecovery.Application.Errors;
using RunRecovery.Application.Persistence;

namespace RunRecovery.Application.RecommendationQueue.List;

/// <param name="Status">due, upcoming, done, dismissed, expired or withdrawn; all when left out.</param>
public sealed record ListRecommendations(Guid RunnerId, string? Status) : IQuery<IReadOnlyList<RecommendationView>>;

public sealed class ListRecommendationsHandler(RunRecoveryDb db, TimeProvider clock) : IQueryHandler<ListRecommendations, IReadOnlyList<RecommendationView>>
{
    private static readonly string[] Statuses =
        [RecommendationStatus.Due, RecommendationStatus.Upcoming, RecommendationStatus.Done, RecommendationStatus.Dismissed, RecommendationStatus.Expired, RecommendationStatus.Withdrawn];

    public async ValueTask<IReadOnlyList<RecommendationView>> Handle(ListRecommendations query, CancellationToken cancellationToken)
    {
        string? status = query.Status?.Trim().ToLowerInvariant();
        if (status is not null && !Statuses.Contains(status))
        {
            throw new RequestValidationException(new Dictionary<string, string[]> { ["status"] = [$"Give one of {string.Join(", ", Statuses)}."] });
        }

        DateTimeOffset now = clock.GetUtcNow();
        IQueryable<StoredRecommendation> rows = db.Recommendations.AsNoTracking().Where(r => r.RunnerId == query.RunnerId);
        rows = status switch
        {
            RecommendationStatus.Done or RecommendationStatus.Dismissed or RecommendationStatus.Withdrawn => rows.Where(r => r.Status == status),
            RecommendationStatus.Upcoming => rows.Where(r => r.Status == RecommendationStatus.Open && r.DueUtc > now),
            RecommendationStatus.Due => rows.Where(r => r.Status == RecommendationStatus.Open && r.DueUtc <= now && r.ExpiresUtc > now),
            RecommendationStatus.Expired => rows.Where(r => r.Status == RecommendationStatus.Open && r.ExpiresUtc <= now),
            _ => rows,
        };

        List<StoredRecommendation> found = await rows
            .OrderBy(r => r.DueUtc).ThenByDescending(r => r.Priority)
            .Take(500)
            .ToListAsync(cancellationToken);
        return [.. found.Select(r => RecommendationView.From(r, now))];
    }
}

public static class ListRecommendationsEndpoint
{
    public static void Map(RouteGroupBuilder runners) =>
        runners.MapGet("/me/recommendations", HandleAsync)
            .RequireAuthorization()
            .WithTags("Recommendations")
            .WithName("ListRecommendations")
            .WithSummary("The recommendation queue by due time; ?status=due|upcoming|done|dismissed|expired|withdrawn.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized);

    private static async Task<Ok<IReadOnlyList<RecommendationView>>> HandleAsync(
        CurrentRunner runner, ISender sender, CancellationToken cancellationToken, string? status = null) =>
        TypedResults.Ok(await sender.Send(new ListRecommendations(runner.Id, status), cancellationToken));
}
