using RunRecovery.Application.Authentication;
using RunRecovery.Application.Persistence;
using RunRecovery.Application.Runners.Create;

namespace RunRecovery.Application.Runners.Recover;

/// <summary>A lost key: the runner's email and the one-time recovery code from sign-up mint a new key.</summary>
public sealed record RecoverAccount(string? Email, string? RecoveryCode) : ICommand<RecoveryOutcome>;

/// <summary><see cref="Account"/> is null when the email and code do not belong together (nothing changed then).</summary>
public sealed record RecoveryOutcome(CreatedRunner? Account);

/// <summary>
/// Spends the code: the runner gets a new API key (the old one stops working, and so do the browsers signed in with
/// it) and a new recovery code, both shown once. An unknown email and a wrong code look the same to the caller.
/// </summary>
public sealed class RecoverAccountHandler(RunRecoveryDb db, TimeProvider clock) : ICommandHandler<RecoverAccount, RecoveryOutcome>
{
    public async ValueTask<RecoveryOutcome> Handle(RecoverAccount command, CancellationToken cancellationToken)
    {
        string email = command.Email?.Trim().ToLowerInvariant() ?? "";
        byte[]? hash = RecoveryCode.Hash(command.RecoveryCode);
        if (hash is null || email.Length is 0 or > RunnerRules.MaxEmailLength)
        {
            return new RecoveryOutcome(null);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Locked so two requests with the same code cannot both spend it.
        Runner? runner = await db.Runners
            .FromSql($"SELECT * FROM runrecovery.runners WHERE email = {email} FOR UPDATE")
            .SingleOrDefaultAsync(cancellationToken);
        if (runner?.RecoveryCodeHash is not { } stored || !System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(stored, hash))
        {
            return new RecoveryOutcome(null);
        }

        CreatedRunner account = AccountKeys.Renew(runner, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new RecoveryOutcome(account);
    }
}

/// <summary>Issuing a runner a new key and a new recovery code together (recovery and the operator's reset).</summary>
public static class AccountKeys
{
    public static CreatedRunner Renew(Runner runner, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(runner);
        ApiKey.IssuedKey key = ApiKey.Issue();
        RecoveryCode.IssuedCode recovery = RecoveryCode.Issue();
        runner.ReplaceApiKey(key.Hash, now);
        runner.ReplaceRecoveryCode(recovery.Hash, now);
        return new CreatedRunner(RunnerAccount.From(runner), key.Key, recovery.Code);
    }
}
