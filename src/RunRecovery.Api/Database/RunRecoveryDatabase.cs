using Npgsql;

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
    /// not once per upload (docs/reliability.md, "Capacity, third pass"). Anything the operator set explicitly is kept.
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

        return builder.ConnectionString;
    }

    public static string Redact(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        builder.Remove("Password");
        return $"Host={builder.Host};Port={builder.Port};Database={builder.Database};Username={builder.Username}";
    }
}
