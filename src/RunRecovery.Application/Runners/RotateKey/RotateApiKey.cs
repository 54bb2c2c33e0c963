using RunRecovery.Application.Authentication;
using RunRecovery.Application.Persistence;

namespace RunRecovery.Application.Runners.RotateKey;

public sealed record RotateApiKey(Guid RunnerId) : ICommand<IssuedApiKey>;

/// <summary>A freshly issued key; the previous one stopped working when this was returned.</summary>
public sealed record IssuedApiKey(string ApiKey, DateTimeOffset IssuedAt);

public sealed class RotateApiKeyHandler(RunRecoveryDb db, TimeProvider clock) : ICommandHandler<RotateApiKey, IssuedApiKey>
{
    public async ValueTask<IssuedApiKey> Handle(RotateApiKey command, CancellationToken cancellationToken)
    {
        Runner runner = await db.Runners.SingleAsync(r => r.Id == command.RunnerId, cancellationToken);
        ApiKey.IssuedKey key = ApiKey.Issue();
        runner.ReplaceApiKey(key.Hash, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return new IssuedApiKey(key.Key, runner.ApiKeyIssuedAt);
    }
}
