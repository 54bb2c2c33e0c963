using Npgsql;
using RunRecovery.Application.Persistence;

namespace RunRecovery.Api.Database;

/// <summary>
/// The connection string the service uses, settled once at start-up (a configured server or the
/// embedded cluster) before anything opens a connection.
/// </summary>
internal sealed class RunRecoveryDatabase
{
    private string? _connectionString;

    public string ConnectionString =>
        _connectionString ?? throw new InvalidOperationException("The database is used before start-up settled it.");

    /// <summary>The connection string without its password, for logs.</summary>
    public string Description { get; private set; } = "";

    /// <summary>
    /// The connection string for Hangfire's storage: the service's, with Npgsql's reset on reuse kept
    /// (<see cref="SessionResetPool"/>), since Hangfire LISTENs on pooled connections.
    /// </summary>
    public string SessionConnectionString => SessionResetPool.ConnectionString(ConnectionString);

    public void Use(string connectionString)
    {
        _connectionString = WithResilienceDefaults(connectionString);
        Description = Redact(connectionString);
    }

    /// <summary>Statements kept prepared per connection (Npgsql's default: 0, none).</summary>
    public const int MaxAutoPrepare = 64;

    /// <summary>
    /// Settings the connection string leaves at Npgsql's defaults are tightened for outages (docs/reliability.md,
    /// "Database faults"): a 5 s connect timeout (not 15) so a request while PostgreSQL is unreachable fails fast
    /// into a 503, and TCP keepalive every 30 s so a connection whose server vanished without a reset is noticed
    /// while idle in the pool. And for speed: statements run five times are prepared on their connection
    /// (<c>Max Auto Prepare</c> 64), so PostgreSQL parses and plans an upload's dozen statements once per connection,
    /// not once per upload (docs/reliability.md, "Capacity, third pass"). And <c>No Reset On Close</c>: a pooled
    /// connection is handed out again without the seven statements Npgsql otherwise sends to reset its session (with
    /// prepared statements kept: <c>SET SESSION AUTHORIZATION DEFAULT; RESET ALL; CLOSE ALL; UNLISTEN *;
    /// SELECT pg_advisory_unlock_all(); DISCARD SEQUENCES; DISCARD TEMP</c>), 16.5 of the 28.8 statements per imported
    /// run (docs/reliability.md, "Scale-out", fifth pass). Safe because the code on this pool leaves no session state
    /// behind: no SET (only transaction-scoped locks, <c>pg_advisory_xact_lock</c>), no temporary tables, cursors or
    /// sequences' <c>currval</c>, no LISTEN; an open transaction is still rolled back on close. The two users that do
    /// hold session state get pools that reset: session advisory locks (<c>RunAlone</c>) and Hangfire, which LISTENs
    /// (<see cref="SessionResetPool"/>). Anything the operator set explicitly is kept.
    /// </summary>
    public static string WithResilienceDefaults(string connectionString)
    {
        var defaults = new NpgsqlConnectionStringBuilder();
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (builder.Timeout == defaults.Timeout)
        {
            builder.Timeout = 5;
        }

        if (builder.KeepAlive == defaults.KeepAlive)
        {
            builder.KeepAlive = 30;
        }

        if (builder.MaxAutoPrepare == defaults.MaxAutoPrepare)
        {
            builder.MaxAutoPrepare = MaxAutoPrepare;
        }

        if (!Mentions(connectionString, "No Reset On Close", "NoResetOnClose"))
        {
            builder.NoResetOnClose = true;
        }

        return builder.ConnectionString;
    }


    /// <summary>Whether the string as given names the setting (NpgsqlConnectionStringBuilder knows every keyword).</summary>
    private static bool Mentions(string connectionString, params string[] keywords)
    {
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        return keywords.Any(given.ContainsKey);
    }

    public static string Redact(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        builder.Remove("Password");
        return $"Host={builder.Host};Port={builder.Port};Database={builder.Database};Username={builder.Username}";
    }
}
