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
        _connectionString = connectionString;
        Description = Redact(connectionString);
    }

    public static string Redact(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        builder.Remove("Password");
        return $"Host={builder.Host};Port={builder.Port};Database={builder.Database};Username={builder.Username}";
    }
}
