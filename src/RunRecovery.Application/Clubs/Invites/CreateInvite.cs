using RunRecovery.Application.Errors;
using RunRecovery.Application.Persistence;

namespace RunRecovery.Application.Clubs.Invites;

/// <param name="ExpiresInHours">Default 168 (a week); at most a year.</param>
/// <param name="MaxUses">How many runners may join with it; default 1.</param>
public sealed record CreateInviteRequest(int? ExpiresInHours, int? MaxUses);

public sealed record CreateInvite(Guid RunnerId, Guid ClubId, int? ExpiresInHours, int? MaxUses) : ICommand<InviteCode>;

/// <summary>The invite code, shown this once only (only its hash is stored).</summary>
public sealed record InviteCode(Guid Id, Guid ClubId, string Code, DateTimeOffset ExpiresAt, int MaxUses);

public sealed class CreateInviteHandler(RunRecoveryDb db, TimeProvider clock) : ICommandHandler<CreateInvite, InviteCode>
{
    public async ValueTask<InviteCode> Handle(CreateInvite command, CancellationToken cancellationToken)
    {
        await db.RequireAdminAsync(command.ClubId, command.RunnerId, cancellationToken);

        var errors = new Dictionary<string, string[]>();
        TimeSpan lifetime = command.ExpiresInHours is int hours ? TimeSpan.FromHours(hours) : ClubRules.DefaultInviteLifetime;
        if (lifetime <= TimeSpan.Zero || lifetime > ClubRules.MaxInviteLifetime)
        {
            errors["expiresInHours"] = [$"Give 1 to {ClubRules.MaxInviteLifetime.TotalHours:0} hours."];
        }

        int maxUses = command.MaxUses ?? 1;
        if (maxUses is < 1 or > ClubRules.MaxInviteUses)
        {
            errors["maxUses"] = [$"Give 1 to {ClubRules.MaxInviteUses} uses."];
        }

        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors);
        }

        DateTimeOffset now = clock.GetUtcNow();
        string code = ClubCodes.Issue();
        var invite = ClubInvite.Create(command.ClubId, ClubCodes.Hash(code), now + lifetime, maxUses, command.RunnerId, now);
        db.ClubInvites.Add(invite);
        await db.SaveChangesAsync(cancellationToken);
        return new InviteCode(invite.Id, invite.ClubId, code, invite.ExpiresAt, invite.MaxUses);
    }
}
