using System.Security.Cryptography;
using RunRecovery.Application.Persistence;

namespace RunRecovery.Application.Authentication;

/// <summary>
/// Finds the runner an API key belongs to. The one place a presented key meets the stored hashes; see
/// docs/security.md ("API keys") for why each step leaks nothing useful:
/// <list type="number">
/// <item>A candidate without the shape of a key (<see cref="ApiKey.HasValidShape"/>) is refused before any database
/// round trip. The check looks only at the candidate — its length, prefix and alphabet — never at a stored value, so
/// its timing tells a caller nothing they did not send.</item>
/// <item>The runner is found through the unique index on <c>api_key_hash</c>, by the SHA-256 of the candidate. Any
/// timing difference in the index search depends on how the candidate's <em>hash</em> compares with stored hashes;
/// the caller cannot choose hashes (SHA-256 preimage resistance), and a stored hash would not give them a key.</item>
/// <item>The row's hash is compared with the candidate's with <see cref="CryptographicOperations.FixedTimeEquals"/>,
/// so the final decision does not depend on the position of the first differing byte either.</item>
/// </list>
/// </summary>
public static class ApiKeyLookup
{
    /// <summary>The runner whose current key is <paramref name="candidate"/>, with the key's hash; null for anything else.</summary>
    public static async Task<(Guid RunnerId, byte[] KeyHash)?> FindRunnerByKeyAsync(
        this RunRecoveryDb db, string candidate, CancellationToken cancellationToken)
    {
        if (!ApiKey.HasValidShape(candidate))
        {
            return null;
        }

        byte[] hash = ApiKey.Hash(candidate);
        var match = await db.Runners.AsNoTracking()
            .Where(runner => runner.ApiKeyHash == hash)
            .Select(runner => new { runner.Id, runner.ApiKeyHash })
            .SingleOrDefaultAsync(cancellationToken);
        return match is not null && CryptographicOperations.FixedTimeEquals(match.ApiKeyHash, hash) ? (match.Id, hash) : null;
    }

    /// <summary>True while <paramref name="keyHash"/> (from a dashboard session) is still the runner's current key's hash.</summary>
    public static async Task<bool> IsCurrentKeyHashAsync(this RunRecoveryDb db, Guid runnerId, byte[] keyHash, CancellationToken cancellationToken)
    {
        byte[]? current = await db.Runners.AsNoTracking()
            .Where(runner => runner.Id == runnerId)
            .Select(runner => runner.ApiKeyHash)
            .SingleOrDefaultAsync(cancellationToken);
        return current is not null && CryptographicOperations.FixedTimeEquals(current, keyHash);
    }
}
