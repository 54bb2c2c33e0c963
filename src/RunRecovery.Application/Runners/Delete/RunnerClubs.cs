using RunRecovery.Application.Errors;
using RunRecovery.Application.Persistence;

namespace RunRecovery.Application.Runners.Delete;

/// <summary>
/// What happens to the clubs of a runner who erases their account (docs/security.md):
/// <list type="bullet">
/// <item>a club where another admin remains: the membership simply ends;</item>
/// <item>a club where the runner is the last admin and other members have their own account: the longest-standing
/// of those becomes admin (the club keeps someone who can run it; there is no way to appoint one afterwards);</item>
/// <item>a club where the runner is the last admin and every other member is a managed runner nobody has claimed
/// yet: refused with 409 (nobody could run the club or issue new claim codes; invite someone to take over first);</item>
/// <item>a club with no other member: deleted, with its invites and imports.</item>
/// </list>
/// Managed runners are the club's records of other people: they are never erased with the admin who added them.
/// </summary>
public static class RunnerClubs
{
    public sealed record Outcome(IReadOnlyList<Guid> HandedOver, IReadOnlyList<Guid> Deleted);

    /// <summary>Call inside the erasure's transaction; locks each club the runner belongs to (as LeaveClub does).</summary>
    public static async Task<Outcome> ReleaseAsync(RunRecoveryDb db, Guid runnerId, CancellationToken cancellationToken)
    {
        List<Guid> clubIds = await db.ClubMembers.Where(m => m.RunnerId == runnerId).OrderBy(m => m.ClubId).Select(m => m.ClubId).ToListAsync(cancellationToken);
        var handedOver = new List<Guid>();
        var deleted = new List<Guid>();
        var blocked = new List<string>();
        foreach (Guid clubId in clubIds)
        {
            await db.Database.ExecuteSqlAsync($"SELECT 1 FROM runrecovery.clubs WHERE id = {clubId} FOR UPDATE", cancellationToken);
            ClubMember me = await db.ClubMembers.AsNoTracking().SingleAsync(m => m.ClubId == clubId && m.RunnerId == runnerId, cancellationToken);
            List<ClubMember> others = await db.ClubMembers.AsNoTracking()
                .Where(m => m.ClubId == clubId && m.RunnerId != runnerId)
                .OrderBy(m => m.JoinedAt).ThenBy(m => m.RunnerId)
                .ToListAsync(cancellationToken);
            if (others.Count == 0)
            {
                deleted.Add(clubId);
                continue;
            }

            if (!me.IsAdmin || others.Any(m => m.IsAdmin))
            {
                continue;
            }

            if (others.FirstOrDefault(m => !m.Managed) is { } successor)
            {
                await db.Database.ExecuteSqlAsync(
                    $"UPDATE runrecovery.club_members SET role = {ClubRole.Admin} WHERE club_id = {clubId} AND runner_id = {successor.RunnerId}",
                    cancellationToken);
                handedOver.Add(clubId);
                continue;
            }

            blocked.Add(await db.Clubs.Where(c => c.Id == clubId).Select(c => c.Name).SingleAsync(cancellationToken));
        }

        if (blocked.Count > 0)
        {
            throw new ConflictException(
                $"You are the only admin of {string.Join(", ", blocked.Select(name => $"'{name}'"))}, whose other members are managed runners " +
                "who have not claimed their accounts yet. Invite someone to join (they become admin when you delete your account), then try again. Nothing was deleted.");
        }

        if (deleted.Count > 0)
        {
            await db.Clubs.Where(c => deleted.Contains(c.Id)).ExecuteDeleteAsync(cancellationToken);
        }

        return new Outcome(handedOver, deleted);
    }
}
