using Microsoft.Extensions.Configuration;

namespace RunRecovery.Api.Database;

/// <summary>Database settings, read from configuration (appsettings, environment, command line).</summary>
internal sealed record DatabaseSettings(
    string? ConnectionString, string EmbeddedDataDirectory, bool EmbeddedDataDirectoryConfigured, bool ApplyMigrationsOnStart)
{
    public const string ConnectionStringName = "RunRecovery";
    public const string ConnectionEnvironmentVariable = "RUNRECOVERY_CONNECTION";
    public const string DefaultEmbeddedDataDirectory = ".runrecovery/postgres";

    public static DatabaseSettings From(IConfiguration configuration, string workingDirectory)
    {
        string? connectionString = configuration.GetConnectionString(ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            connectionString = Environment.GetEnvironmentVariable(ConnectionEnvironmentVariable);
        }

        string? dataDirectory = configuration["RunRecovery:EmbeddedDatabase:DataDirectory"];
        return new DatabaseSettings(
            string.IsNullOrWhiteSpace(connectionString) ? null : connectionString.Trim(),
            Path.GetFullPath(string.IsNullOrWhiteSpace(dataDirectory) ? DefaultEmbeddedDataDirectory : dataDirectory, workingDirectory),
            !string.IsNullOrWhiteSpace(dataDirectory),
            configuration.GetValue("RunRecovery:ApplyMigrationsOnStart", defaultValue: true));
    }
}
