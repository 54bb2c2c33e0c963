using Hangfire;

namespace RunRecovery.Application.Idempotency;

/// <summary>Hourly: deletes <c>Idempotency-Key</c> records past their 24 h (docs/api.md, "Idempotent POSTs").</summary>
public sealed class PruneIdempotencyKeysJob(IdempotencyStore store)
{
    public const string RecurringId = "prune-idempotency-keys";

    [Queue("default"), AutomaticRetry(Attempts = 0)]
    public async Task<int> RunAsync(CancellationToken cancellationToken) => await store.PruneAsync(cancellationToken);
}
