using System.Globalization;
using System.Text;
using RunRecovery.Application.Errors;
using RunRecovery.Application.Persistence;

namespace RunRecovery.Application.Activities.List;

/// <param name="From">Only activities starting at or after this.</param>
/// <param name="To">Only activities starting before this.</param>
/// <param name="Cursor">The <see cref="ActivityPage.NextCursor"/> of the previous page.</param>
/// <param name="Sport">Only activities of this sport (as the activity's <c>sport</c> field spells it).</param>
public sealed record ListActivities(Guid RunnerId, DateTimeOffset? From, DateTimeOffset? To, string? Cursor, int? Limit, string? Sport = null) : IQuery<ActivityPage>;

/// <summary>Newest first. <see cref="NextCursor"/> is null on the last page.</summary>
public sealed record ActivityPage(IReadOnlyList<ActivitySummary> Items, string? NextCursor);

public sealed class ListActivitiesHandler(RunRecoveryDb db) : IQueryHandler<ListActivities, ActivityPage>
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;

    public async ValueTask<ActivityPage> Handle(ListActivities query, CancellationToken cancellationToken)
    {
        int limit = query.Limit ?? DefaultLimit;
        if (limit is < 1 or > MaxLimit)
        {
            throw new RequestValidationException(new Dictionary<string, string[]> { ["limit"] = [$"Give a limit from 1 to {MaxLimit}."] });
        }

        string? sport = query.Sport?.Trim().ToLowerInvariant();
        if (sport is not null && !Enum.GetNames<RunRecovery.Scoring.Recordings.Sport>().Any(name => name.Equals(sport.Replace("-", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase)))
        {
            string known = string.Join(", ", Enum.GetNames<RunRecovery.Scoring.Recordings.Sport>().Select(name => name.ToLowerInvariant()));
            throw new RequestValidationException(new Dictionary<string, string[]> { ["sport"] = [$"sport: expected one of {known}, got '{query.Sport}'"] });
        }

        IQueryable<Activity> activities;
        if (query.Cursor is not null)
        {
            (DateTimeOffset time, Guid id) = DecodeCursor(query.Cursor);
            activities = db.Activities.FromSql(
                $"SELECT * FROM runrecovery.activities WHERE runner_id = {query.RunnerId} AND (sort_time, id) < ({time}, {id})");
        }
        else
        {
            activities = db.Activities.Where(activity => activity.RunnerId == query.RunnerId);
        }

        if (query.From is { } from)
        {
            activities = activities.Where(activity => activity.SortTime >= from);
        }

        if (query.To is { } to)
        {
            activities = activities.Where(activity => activity.SortTime < to);
        }

        if (sport is not null)
        {
            activities = activities.Where(activity => activity.Sport == sport);
        }

        List<Activity> page = await activities.AsNoTracking()
            .OrderByDescending(activity => activity.SortTime).ThenByDescending(activity => activity.Id)
            .Take(limit + 1)
            .ToListAsync(cancellationToken);

        string? next = page.Count > limit ? EncodeCursor(page[limit - 1]) : null;
        return new ActivityPage([.. page.Take(limit).Select(ActivitySummary.From)], next);
    }

    private static string EncodeCursor(Activity last) =>
        Convert.ToBase64String(Encoding.ASCII.GetBytes($"{last.SortTime.UtcTicks.ToString(CultureInfo.InvariantCulture)}:{last.Id:N}"))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static (DateTimeOffset Time, Guid Id) DecodeCursor(string cursor)
    {
        try
        {
            string base64 = cursor.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
            string[] parts = Encoding.ASCII.GetString(Convert.FromBase64String(base64)).Split(':');
            return (new DateTimeOffset(long.Parse(parts[0], CultureInfo.InvariantCulture), TimeSpan.Zero), Guid.ParseExact(parts[1], "N"));
        }
        catch (Exception error) when (error is FormatException or IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            throw new RequestValidationException(new Dictionary<string, string[]> { ["cursor"] = ["The cursor is not one this API returned."] });
        }
    }
}
