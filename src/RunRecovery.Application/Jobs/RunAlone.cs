using Npgsql;
using RunRecovery.Application.Persistence;

namespace RunRecovery.Application.Jobs;

/// <summary>
/// "At most one runner at a time" for work that must not overlap with itself, across every process: a PostgreSQL
/// session advisory lock on a connection of its own, held until disposed; taken without waiting
/// (<see cref="TryEnterAsync"/>) or waiting for the holder (<see cref="EnterAsync"/>). Unlike a
/// Hangfire distributed lock (a row that only expires after <c>DistributedLockTimeout</c>, whether its holder is
/// alive or not), it lasts exactly as long as its holder's session: PostgreSQL drops it when the connection ends, also
/// when the process holding it is killed (kill -9 closes its sockets). So it never lets two runners in, and never
/// blocks anyone after its holder died. docs/reliability.md, "Locks after a kill".
/// </summary>
public sealed class RunAlone : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly string _key;

    private RunAlone(NpgsqlConnection connection, string key) => (_connection, _key) = (connection, key);

    /// <summary>Takes the lock named <paramref name="key"/>, or returns null at once when another session holds it.</summary>
    public static Task<RunAlone?> TryEnterAsync(string connectionString, string key, CancellationToken cancellationToken) =>
        TakeAsync(connectionString, key, "SELECT pg_try_advisory_lock(hashtextextended($1, 0))", cancellationToken);

    /// <summary>Takes the lock named <paramref name="key"/>, waiting while another session holds it.</summary>
    public static async Task<RunAlone> EnterAsync(string connectionString, string key, CancellationToken cancellationToken) =>
        await TakeAsync(connectionString, key, "SELECT true FROM pg_advisory_lock(hashtextextended($1, 0))", cancellationToken)
        ?? throw new InvalidOperationException($"pg_advisory_lock returned without the lock '{key}'.");

    private static async Task<RunAlone?> TakeAsync(string connectionString, string key, string sql, CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(SessionResetPool.ConnectionString(connectionString)); // resets on reuse: a lock never outlives its user
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var take = new NpgsqlCommand(sql, connection);
            take.Parameters.AddWithValue(key);
            if (await take.ExecuteScalarAsync(cancellationToken) is true)
            {
                return new RunAlone(connection, key);
            }
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        await connection.DisposeAsync();
        return null;
    }

    /// <summary>
    /// Releases the lock explicitly: a pooled connection only resets its session when it is next used, so closing it
    /// alone leaves the lock held by an idle connection in this process's pool (checked with Npgsql 10.0.3: after
    /// closing a pooled connection that took <c>pg_advisory_lock</c>, pg_locks still listed the lock).
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await using var release = new NpgsqlCommand("SELECT pg_advisory_unlock(hashtextextended($1, 0))", _connection);
            release.Parameters.AddWithValue(_key);
            await release.ExecuteScalarAsync(CancellationToken.None);
        }
        catch (NpgsqlException)
        {
            NpgsqlConnection.ClearPool(_connection); // the session is broken; ending it ends the lock
        }
        finally
        {
            await _connection.DisposeAsync();
        }
    }
}
