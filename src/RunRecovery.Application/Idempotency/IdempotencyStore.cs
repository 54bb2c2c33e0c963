using Microsoft.AspNetCore.DataProtection;
using RunRecovery.Application.Persistence;

namespace RunRecovery.Application.Idempotency;

/// <summary>What <see cref="IdempotencyStore.BeginAsync"/> found for a key.</summary>
public enum IdempotencyClaim
{
    /// <summary>The key is this request's now: do the work, then complete or abandon it.</summary>
    Claimed,

    /// <summary>Another request with this key is still being processed.</summary>
    InFlight,

    /// <summary>The key was used with a different request (another fingerprint).</summary>
    Mismatch,

    /// <summary>The key's request finished: replay its stored answer.</summary>
    Completed,
}

/// <summary>A stored answer to replay.</summary>
public sealed record StoredAnswer(int Status, string? ContentType, string? Location, byte[] Body);

/// <summary>
/// The protocol over <c>idempotency_keys</c>, its one owner: claim a key (an insert that only one concurrent
/// request can win, keyed by principal and key), complete it with the answer, abandon it when the answer must not be
/// replayed, and prune expired keys. Bodies are stored encrypted (data protection) as they can hold secrets.
/// </summary>
public sealed class IdempotencyStore(RunRecoveryDb db, IDataProtectionProvider protection, TimeProvider clock)
{
    /// <summary>How long a finished answer is replayed (draft-ietf-httpapi-idempotency-key-header §2.3: the server publishes its expiry policy).</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    /// <summary>An unfinished claim older than this is taken to belong to a process that died, and may be claimed again.</summary>
    public static readonly TimeSpan AbandonedAfter = TimeSpan.FromMinutes(10);

    private readonly IDataProtector _protector = protection.CreateProtector("RunRecovery.Idempotency.v1");

    public async Task<(IdempotencyClaim Claim, StoredAnswer? Answer)> BeginAsync(
        string principal, string key, Guid? runnerId, byte[] fingerprint, CancellationToken cancellationToken)
    {
        DateTimeOffset now = clock.GetUtcNow();
        for (int attempt = 0; attempt < 2; attempt++)
        {
            int inserted = await db.Database.ExecuteSqlAsync($"""
                INSERT INTO runrecovery.idempotency_keys (principal, key, runner_id, fingerprint, completed, created_at, expires_at)
                VALUES ({principal}, {key}, {runnerId}, {fingerprint}, false, {now}, {now + Lifetime})
                ON CONFLICT (principal, key) DO NOTHING
                """, cancellationToken);
            if (inserted == 1)
            {
                return (IdempotencyClaim.Claimed, null);
            }

            IdempotencyRecord? held = await db.IdempotencyKeys.AsNoTracking()
                .SingleOrDefaultAsync(record => record.Principal == principal && record.Key == key, cancellationToken);
            if (held is null)
            {
                continue; // completed and pruned, or abandoned, between the two statements: claim again
            }

            bool stale = held.ExpiresAt <= now || (!held.Completed && held.CreatedAt <= now - AbandonedAfter);
            if (stale)
            {
                await db.IdempotencyKeys
                    .Where(record => record.Principal == principal && record.Key == key && record.CreatedAt == held.CreatedAt)
                    .ExecuteDeleteAsync(cancellationToken);
                continue;
            }

            if (!held.Fingerprint.AsSpan().SequenceEqual(fingerprint))
            {
                return (IdempotencyClaim.Mismatch, null);
            }

            if (!held.Completed)
            {
                return (IdempotencyClaim.InFlight, null);
            }

            byte[] body;
            try
            {
                body = held.ProtectedBody is null ? [] : _protector.Unprotect(held.ProtectedBody);
            }
            catch (System.Security.Cryptography.CryptographicException)
            {
                // The key ring lost the key that encrypted it: the answer cannot be replayed, so the work is done again.
                await AbandonAsync(principal, key, CancellationToken.None);
                continue;
            }

            return (IdempotencyClaim.Completed, new StoredAnswer(held.Status ?? 200, held.ContentType, held.Location, body));
        }

        return (IdempotencyClaim.InFlight, null);
    }

    public async Task CompleteAsync(string principal, string key, StoredAnswer answer, CancellationToken cancellationToken)
    {
        byte[] protectedBody = _protector.Protect(answer.Body);
        await db.IdempotencyKeys
            .Where(record => record.Principal == principal && record.Key == key && !record.Completed)
            .ExecuteUpdateAsync(
                set => set
                    .SetProperty(record => record.Completed, true)
                    .SetProperty(record => record.Status, answer.Status)
                    .SetProperty(record => record.ContentType, answer.ContentType)
                    .SetProperty(record => record.Location, answer.Location)
                    .SetProperty(record => record.ProtectedBody, protectedBody),
                cancellationToken);
    }

    /// <summary>Frees the key (the request failed in a way a retry should redo: a 5xx, 401, 408, 409 or 429, or an exception).</summary>
    public Task AbandonAsync(string principal, string key, CancellationToken cancellationToken) =>
        db.IdempotencyKeys.Where(record => record.Principal == principal && record.Key == key && !record.Completed).ExecuteDeleteAsync(cancellationToken);

    /// <summary>Deletes expired keys; the recurring <see cref="PruneIdempotencyKeysJob"/> calls it.</summary>
    public Task<int> PruneAsync(CancellationToken cancellationToken)
    {
        DateTimeOffset now = clock.GetUtcNow();
        return db.IdempotencyKeys.Where(record => record.ExpiresAt <= now).ExecuteDeleteAsync(cancellationToken);
    }
}
