using RunRecovery.Application.Errors;
using RunRecovery.Application.Persistence;

namespace RunRecovery.Application.Clubs.Create;

public sealed record CreateClubRequest(string? Name);

public sealed record CreateClub(Guid RunnerId, string? Name) : ICommand<ClubSummary>;

/// <summary>Creates the club with the caller as its first admin, in one transaction.</summary>
public sealed class CreateClubHandler(RunRecoveryDb db, TimeProvider clock) : ICommandHandler<CreateClub, ClubSummary>
{
    public async ValueTask<ClubSummary> Handle(CreateClub command, CancellationToken cancellationToken)
    {
        string name = command.Name?.Trim() ?? "";
        if (name.Length is 0 or > ClubRules.MaxNameLength)
        {
            throw new RequestValidationException(new Dictionary<string, string[]>
            {
                ["name"] = [$"Give a name of 1 to {ClubRules.MaxNameLength} characters."],
            });
        }

        DateTimeOffset now = clock.GetUtcNow();
        var club = Club.Create(name, command.RunnerId, now);
        db.Clubs.Add(club);
        db.ClubMembers.Add(ClubMember.Joined(club.Id, command.RunnerId, ClubRole.Admin, now));
        await db.SaveChangesAsync(cancellationToken);
        return new ClubSummary(club.Id, club.Name, ClubRole.Admin, 1, club.CreatedAt);
    }
}
