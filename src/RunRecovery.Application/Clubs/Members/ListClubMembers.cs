using RunRecovery.Application.Clubs.Managed;
using RunRecovery.Application.LoadSeries;
using RunRecovery.Application.Persistence;
using RunRecovery.Application.RecommendationQueue;

namespace RunRecovery.Application.Clubs.Members;

public sealed record ListClubMembers(Guid RunnerId, Guid ClubId) : IQuery<IReadOnlyList<MemberReadiness>>;

/// <summary>One row of the coach's view.</summary>
/// <param name="Readiness">fresh, normal, fatigued or overreaching (the runner API's load status, computed now).</param>
/// <param name="Ratio">Acute:chronic load ratio; null until there is a chronic load.</param>
/// <param name="WeekDistanceMeters">This week's activities (Monday 00:00 in the member's time zone until now).</param>
/// <param name="TopDueRecommendation">The highest-priority recommendation due now, if any.</param>
/// <param name="LastActivityUtc">Start (or upload, for a file without a clock) of the member's latest activity up to now; null when there is none yet (no data
/// behind the readiness: the dashboard says "no data yet", not "fresh").</param>
public sealed record MemberReadiness(
    Guid RunnerId,
    string Name,
    string? Email,
    string? ExternalId,
    string Role,
    bool Managed,
    string Readiness,
    double? Ratio,
    double RemainingRecoveryHours,
    double WeekDistanceMeters,
    double WeekMovingSeconds,
    int WeekActivities,
    RecommendationView? TopDueRecommendation,
    DateTimeOffset? LastActivityUtc);

/// <summary>
/// The coach's view: every member who joined or is managed by this club, and nobody else, with readiness and
/// ratio from the runner API's own load computation (<see cref="GetLoad"/>), this week's totals and the top due
/// recommendation. Admins only.
/// </summary>
public sealed class ListClubMembersHandler(RunRecoveryDb db, ISender sender, TimeProvider clock)
    : IQueryHandler<ListClubMembers, IReadOnlyList<MemberReadiness>>
{
    public async ValueTask<IReadOnlyList<MemberReadiness>> Handle(ListClubMembers query, CancellationToken cancellationToken)
    {
        await db.RequireAdminAsync(query.ClubId, query.RunnerId, cancellationToken);
        DateTimeOffset now = clock.GetUtcNow();
        var members = await (
            from member in db.ClubMembers.AsNoTracking()
            join runner in db.Runners on member.RunnerId equals runner.Id
            where member.ClubId == query.ClubId
            orderby runner.Name
            select new { member.RunnerId, runner.Name, runner.Email, runner.TimeZone, member.ExternalId, member.Role, member.Managed })
            .ToListAsync(cancellationToken);

        var rows = new List<MemberReadiness>(members.Count);
        foreach (var member in members)
        {
            LoadReport load = await sender.Send(new GetLoad(member.RunnerId, 1), cancellationToken);
            DateTimeOffset weekStart = WeekStart(now, member.TimeZone);
            var week = await db.Activities.AsNoTracking()
                .Where(activity => activity.RunnerId == member.RunnerId && activity.StartUtc >= weekStart && activity.StartUtc <= now)
                .Select(activity => new { activity.DistanceMeters, Seconds = activity.MovingSeconds ?? activity.ElapsedSeconds })
                .ToListAsync(cancellationToken);
            DateTimeOffset? last = await db.Activities.AsNoTracking()
                .Where(activity => activity.RunnerId == member.RunnerId && (activity.StartUtc ?? activity.UploadedAt) <= now)
                .MaxAsync(activity => (DateTimeOffset?)(activity.StartUtc ?? activity.UploadedAt), cancellationToken);
            StoredRecommendation? top = await db.Recommendations.AsNoTracking()
                .Where(r => r.RunnerId == member.RunnerId && r.Status == RecommendationStatus.Open && r.DueUtc <= now && r.ExpiresUtc > now)
                .OrderByDescending(r => r.Priority).ThenBy(r => r.DueUtc)
                .FirstOrDefaultAsync(cancellationToken);

            rows.Add(new MemberReadiness(
                member.RunnerId,
                member.Name,
                member.Email.EndsWith(AddManagedRunnerHandler.PlaceholderDomain, StringComparison.Ordinal) ? null : member.Email,
                member.ExternalId,
                member.Role,
                member.Managed,
                load.Current.Readiness,
                load.Current.Ratio,
                load.Current.RemainingRecoveryHours,
                Math.Round(week.Sum(activity => activity.DistanceMeters ?? 0), 1),
                Math.Round(week.Sum(activity => activity.Seconds ?? 0)),
                week.Count,
                top is null ? null : RecommendationView.From(top, now),
                last));
        }

        return rows;
    }

    /// <summary>Monday 00:00 of the current week in the member's time zone, as UTC.</summary>
    private static DateTimeOffset WeekStart(DateTimeOffset now, string timeZone)
    {
        TimeZoneInfo zone = TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out TimeZoneInfo? found) ? found : TimeZoneInfo.Utc;
        DateTime local = TimeZoneInfo.ConvertTime(now, zone).DateTime;
        int sinceMonday = ((int)local.DayOfWeek + 6) % 7;
        DateTime monday = local.Date.AddDays(-sinceMonday);
        return new DateTimeOffset(monday, zone.GetUtcOffset(monday)).ToUniversalTime();
    }
}
