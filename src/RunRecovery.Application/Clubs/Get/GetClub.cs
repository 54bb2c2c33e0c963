using RunRecovery.Application.Persistence;

namespace RunRecovery.Application.Clubs.Get;

public sealed record GetClub(Guid RunnerId, Guid ClubId) : IQuery<ClubSummary>;

public sealed record ListMyClubs(Guid RunnerId) : IQuery<IReadOnlyList<ClubSummary>>;

public sealed class GetClubHandler(RunRecoveryDb db) : IQueryHandler<GetClub, ClubSummary>, IQueryHandler<ListMyClubs, IReadOnlyList<ClubSummary>>
{
    public async ValueTask<ClubSummary> Handle(GetClub query, CancellationToken cancellationToken)
    {
        await db.RequireMemberAsync(query.ClubId, query.RunnerId, cancellationToken);
        return (await ListAsync(query.RunnerId, query.ClubId, cancellationToken))[0];
    }

    public async ValueTask<IReadOnlyList<ClubSummary>> Handle(ListMyClubs query, CancellationToken cancellationToken) =>
        await ListAsync(query.RunnerId, null, cancellationToken);

    private async Task<List<ClubSummary>> ListAsync(Guid runnerId, Guid? clubId, CancellationToken cancellationToken) =>
        await (
            from member in db.ClubMembers.AsNoTracking()
            join club in db.Clubs on member.ClubId equals club.Id
            where member.RunnerId == runnerId && (clubId == null || club.Id == clubId)
            orderby club.Name
            select new ClubSummary(club.Id, club.Name, member.Role, db.ClubMembers.Count(other => other.ClubId == club.Id), club.CreatedAt))
            .ToListAsync(cancellationToken);
}
