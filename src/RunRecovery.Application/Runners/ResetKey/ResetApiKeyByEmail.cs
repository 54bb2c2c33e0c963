using RunRecovery.Application.Errors;
using RunRecovery.Application.Persistence;
using RunRecovery.Application.Runners.Create;
using RunRecovery.Application.Runners.Recover;

namespace RunRecovery.Application.Runners.ResetKey;

/// <summary>
/// The operator's reset for a runner who lost both key and recovery code (`RunRecovery.Api admin reset-key --email`):
/// a new key and a new recovery code, to hand to the runner by a channel the operator trusts.
/// </summary>
public sealed record ResetApiKeyByEmail(string Email) : ICommand<CreatedRunner>;

public sealed class ResetApiKeyByEmailHandler(RunRecoveryDb db, TimeProvider clock) : ICommandHandler<ResetApiKeyByEmail, CreatedRunner>
{
    public async ValueTask<CreatedRunner> Handle(ResetApiKeyByEmail command, CancellationToken cancellationToken)
    {
        string email = command.Email.Trim().ToLowerInvariant();
        Runner runner = await db.Runners.SingleOrDefaultAsync(r => r.Email == email, cancellationToken)
            ?? throw new NotFoundException($"No runner has the email '{email}'.");
        CreatedRunner account = AccountKeys.Renew(runner, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return account;
    }
}
