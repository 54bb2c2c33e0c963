using Mediator;
using Microsoft.EntityFrameworkCore;
using RunRecovery.Application.Authentication;
using RunRecovery.Application.Data;

namespace RunRecovery.Application.Dashboard.SignIn;

/// <summary>Checks an API key typed into the dashboard's sign-in form.</summary>
public sealed record SignInWithKey(string Key) : IQuery<SignInResult>;

/// <param name="RunnerId">Null when the key is malformed or unknown.</param>
public sealed record SignInResult(Guid? RunnerId, byte[] KeyHash);

public sealed class SignInWithKeyHandler(RunRecoveryDb db) : IQueryHandler<SignInWithKey, SignInResult>
{
    public async ValueTask<SignInResult> Handle(SignInWithKey query, CancellationToken cancellationToken)
    {
        string key = query.Key.Trim();
        if (!ApiKey.HasValidShape(key))
        {
            return new SignInResult(null, []);
        }

        byte[] hash = ApiKey.Hash(key);
        Guid? id = await db.Runners.AsNoTracking()
            .Where(runner => runner.ApiKeyHash == hash)
            .Select(runner => (Guid?)runner.Id)
            .SingleOrDefaultAsync(cancellationToken);
        return new SignInResult(id, hash);
    }
}
