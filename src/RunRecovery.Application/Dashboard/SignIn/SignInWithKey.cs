using RunRecovery.Application.Authentication;
using RunRecovery.Application.Persistence;

namespace RunRecovery.Application.Dashboard.SignIn;

/// <summary>Checks an API key typed into the dashboard's sign-in form.</summary>
public sealed record SignInWithKey(string Key) : IQuery<SignInResult>;

/// <param name="RunnerId">Null when the key is malformed or unknown.</param>
public sealed record SignInResult(Guid? RunnerId, byte[] KeyHash);

public sealed class SignInWithKeyHandler(RunRecoveryDb db) : IQueryHandler<SignInWithKey, SignInResult>
{
    public async ValueTask<SignInResult> Handle(SignInWithKey query, CancellationToken cancellationToken)
    {
        (Guid RunnerId, byte[] KeyHash)? match = await db.FindRunnerByKeyAsync(query.Key.Trim(), cancellationToken);
        return match is { } found ? new SignInResult(found.RunnerId, found.KeyHash) : new SignInResult(null, []);
    }
}
