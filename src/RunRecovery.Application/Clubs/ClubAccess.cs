using RunRecovery.Application.Errors;
using RunRecovery.Application.Persistence;

namespace RunRecovery.Application.Clubs;

/// <summary>
/// The one authorization rule for club resources: a club the caller does not belong to does not exist for
/// them (404, same as an unknown id); a member asking for an admin's action gets 403.
/// </summary>
public static class ClubAccess
{
    public static async Task<ClubMember> RequireMemberAsync(this RunRecoveryDb db, Guid clubId, Guid runnerId, CancellationToken cancellationToken) =>
        await db.ClubMembers.AsNoTracking()
            .SingleOrDefaultAsync(member => member.ClubId == clubId && member.RunnerId == runnerId, cancellationToken)
        ?? throw new NotFoundException($"No club {clubId} of yours.");

    public static async Task<ClubMember> RequireAdminAsync(this RunRecoveryDb db, Guid clubId, Guid runnerId, CancellationToken cancellationToken)
    {
        ClubMember member = await db.RequireMemberAsync(clubId, runnerId, cancellationToken);
        return member.IsAdmin ? member : throw new ForbiddenException("Only the club's admins may do this.");
    }
}
