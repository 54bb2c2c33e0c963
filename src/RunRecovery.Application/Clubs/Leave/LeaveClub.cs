using RunRecovery.Application.Errors;
using RunRecovery.Application.Persistence;

namespace RunRecovery.Application.Clubs.Leave;

public sealed record LeaveClub(Guid RunnerId, Guid ClubId) : ICommand;

/// <summary>
/// Ends the caller's membership. The last admin cannot leave while others remain (the club would have nobody
/// to run it); when the last member leaves, the club goes too. The runner's activities are theirs and stay.
/// </summary>
public sealed class LeaveClubHandler(RunRecoveryDb db) : ICommandHandler<LeaveClub>
{
    public async ValueTask<Unit> Handle(LeaveClub command, CancellationToken cancellationToken)
    {
        ClubMember me = await db.RequireMemberAsync(command.ClubId, command.RunnerId, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        // Lock the club's row so two admins leaving together cannot both pass the "another admin remains" check.
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM runrecovery.clubs WHERE id = {command.ClubId} FOR UPDATE", cancellationToken);
        List<ClubMember> others = await db.ClubMembers
            .Where(member => member.ClubId == command.ClubId && member.RunnerId != command.RunnerId)
            .ToListAsync(cancellationToken);
        if (me.IsAdmin && others.Count > 0 && !others.Any(member => member.IsAdmin))
        {
            throw new ConflictException("You are the club's last admin: make another member admin before leaving.");
        }

        await db.ClubMembers.Where(member => member.ClubId == command.ClubId && member.RunnerId == command.RunnerId)
            .ExecuteDeleteAsync(cancellationToken);
        if (others.Count == 0)
        {
            await db.Clubs.Where(club => club.Id == command.ClubId).ExecuteDeleteAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return Unit.Value;
    }
}
