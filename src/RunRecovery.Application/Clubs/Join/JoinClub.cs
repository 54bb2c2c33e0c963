using Npgsql;
using RunRecovery.Application.Errors;
using RunRecovery.Application.Persistence;

namespace RunRecovery.Application.Clubs.Join;

public sealed record JoinClubRequest(string? Code);

public sealed record JoinClub(Guid RunnerId, string? Code) : ICommand<ClubSummary>;

/// <summary>
/// Joins the club of a valid invite as a member. The use is counted with a conditional update in the same
/// transaction as the membership, so an invite is never used more often than it allows, even under a race.
/// </summary>
public sealed class JoinClubHandler(RunRecoveryDb db, TimeProvider clock) : ICommandHandler<JoinClub, ClubSummary>
{
    public async ValueTask<ClubSummary> Handle(JoinClub command, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(command.Code))
        {
            throw Invalid("Give the invite code you were sent.");
        }

        byte[] hash = ClubCodes.Hash(command.Code);
        DateTimeOffset now = clock.GetUtcNow();
        ClubInvite invite = await db.ClubInvites.AsNoTracking().SingleOrDefaultAsync(candidate => candidate.CodeHash == hash, cancellationToken)
            ?? throw Invalid("No such invite code.");
        if (invite.ExpiresAt <= now)
        {
            throw Invalid("This invite code has expired; ask the club for a new one.");
        }

        if (await db.ClubMembers.AnyAsync(member => member.ClubId == invite.ClubId && member.RunnerId == command.RunnerId, cancellationToken))
        {
            throw new ConflictException("You are already a member of this club.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        int used = await db.ClubInvites
            .Where(candidate => candidate.Id == invite.Id && candidate.Uses < candidate.MaxUses && candidate.ExpiresAt > now)
            .ExecuteUpdateAsync(set => set.SetProperty(candidate => candidate.Uses, candidate => candidate.Uses + 1), cancellationToken);
        if (used == 0)
        {
            throw Invalid("This invite code has been used as often as it allows; ask the club for a new one.");
        }

        db.ClubMembers.Add(ClubMember.Joined(invite.ClubId, command.RunnerId, ClubRole.Member, now));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException error) when (error.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            throw new ConflictException("You are already a member of this club.", error);
        }

        await transaction.CommitAsync(cancellationToken);
        Club club = await db.Clubs.AsNoTracking().SingleAsync(candidate => candidate.Id == invite.ClubId, cancellationToken);
        int members = await db.ClubMembers.CountAsync(member => member.ClubId == club.Id, cancellationToken);
        return new ClubSummary(club.Id, club.Name, ClubRole.Member, members, club.CreatedAt);
    }

    private static RequestValidationException Invalid(string message) =>
        new(new Dictionary<string, string[]> { ["code"] = [message] });
}
