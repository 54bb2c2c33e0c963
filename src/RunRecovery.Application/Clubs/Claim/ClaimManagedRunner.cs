using RunRecovery.Application.Authentication;
using RunRecovery.Application.Errors;
using RunRecovery.Application.Persistence;
using RunRecovery.Application.Runners;
using RunRecovery.Application.Runners.Create;

namespace RunRecovery.Application.Clubs.Claim;

public sealed record ClaimManagedRunnerRequest(string? Code);

public sealed record ClaimManagedRunner(string? Code) : ICommand<CreatedRunner>;

/// <summary>
/// Hands a managed runner their account: the claim code (single use) issues a fresh API key for the runner the
/// club created, with the history already imported for them. They stay a member of the club.
/// </summary>
public sealed class ClaimManagedRunnerHandler(RunRecoveryDb db, TimeProvider clock) : ICommandHandler<ClaimManagedRunner, CreatedRunner>
{
    public async ValueTask<CreatedRunner> Handle(ClaimManagedRunner command, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(command.Code))
        {
            throw Invalid("Give the claim code the club sent you.");
        }

        byte[] hash = ClubCodes.Hash(command.Code);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        ClubMember member = await db.ClubMembers
            .FromSql($"SELECT * FROM runrecovery.club_members WHERE claim_code_hash = {hash} FOR UPDATE")
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw Invalid("No such claim code, or it has been used already.");
        Runner runner = await db.Runners.SingleAsync(candidate => candidate.Id == member.RunnerId, cancellationToken);

        ApiKey.IssuedKey key = ApiKey.Issue();
        RecoveryCode.IssuedCode recovery = RecoveryCode.Issue();
        runner.ReplaceApiKey(key.Hash, clock.GetUtcNow());
        runner.ReplaceRecoveryCode(recovery.Hash, runner.ApiKeyIssuedAt);
        member.Claim();
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new CreatedRunner(RunnerAccount.From(runner), key.Key, recovery.Code);
    }

    private static RequestValidationException Invalid(string message) =>
        new(new Dictionary<string, string[]> { ["code"] = [message] });
}
