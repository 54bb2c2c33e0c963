using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using RunRecovery.Application.Persistence;

namespace RunRecovery.Api.Database;

/// <summary>
/// Settles which PostgreSQL the service uses, proves it answers, and applies migrations.
/// Any failure becomes a <see cref="DatabaseStartupException"/> with one readable line.
/// </summary>
internal static class DatabaseStartup
{
    private const string FallbackRoot = "/var/lib/runrecovery";

    private const string Hint =
        "Set ConnectionStrings:RunRecovery (or RUNRECOVERY_CONNECTION) to a reachable server, leave both unset to use "
        + "the embedded cluster, or start one with 'docker compose up -d db'.";

    /// <summary>Returns the embedded cluster to stop at shutdown, or null when an external server is used.</summary>
    public static async Task<EmbeddedPostgresCluster?> ProvisionAsync(
        IServiceProvider services, DatabaseSettings settings, CancellationToken cancellationToken)
    {
        ILogger logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("RunRecovery.Database");
        RunRecoveryDatabase database = services.GetRequiredService<RunRecoveryDatabase>();
        EmbeddedPostgresCluster? cluster = null;

        if (settings.ConnectionString is null)
        {
            string folder = await ChooseEmbeddedFolderAsync(settings, logger, cancellationToken);
            logger.LogInformation("No connection string configured: using the embedded PostgreSQL cluster in {Folder}", folder);
            cluster = await EmbeddedPostgresCluster.StartAsync(folder, logger, fastAndUnsafe: false, cancellationToken);
            database.Use(cluster.ConnectionString);
        }
        else
        {
            try
            {
                database.Use(settings.ConnectionString);
            }
            catch (ArgumentException error)
            {
                throw new DatabaseStartupException($"The connection string is malformed ({error.Message}). {Hint}", error);
            }
        }

        try
        {
            await CheckReachableAsync(database, cancellationToken);
            logger.LogInformation("Using PostgreSQL {Database}", database.Description);
            return cluster;
        }
        catch
        {
            if (cluster is not null)
            {
                await cluster.StopAsync();
            }

            throw;
        }
    }

    /// <summary>
    /// The configured folder, or for the default one, when the service runs as root and the postgres user
    /// cannot reach it (a checkout under /root, say), a folder under /var/lib/runrecovery derived from it, so
    /// one command still works and the same checkout finds the same data next time.
    /// </summary>
    private static async Task<string> ChooseEmbeddedFolderAsync(DatabaseSettings settings, ILogger logger, CancellationToken cancellationToken)
    {
        string folder = settings.EmbeddedDataDirectory;
        if (settings.EmbeddedDataDirectoryConfigured || await LocalPostgres.ServiceUserCanReachAsync(folder, cancellationToken))
        {
            return folder;
        }

        string key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(folder)))[..12];
        string fallback = Path.Combine(FallbackRoot, key, "postgres");
        logger.LogWarning(
            "The postgres user cannot reach {Folder} (PostgreSQL refuses to run as root, so it runs as postgres); "
            + "keeping this checkout's embedded cluster in {Fallback} instead. Set RunRecovery:EmbeddedDatabase:DataDirectory to choose.",
            folder, fallback);
        return fallback;
    }

    public static async Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        ILogger logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("RunRecovery.Database");
        await using AsyncServiceScope scope = services.CreateAsyncScope();
        RunRecoveryDb db = scope.ServiceProvider.GetRequiredService<RunRecoveryDb>();
        string[] pending = [.. await db.Database.GetPendingMigrationsAsync(cancellationToken)];
        if (pending.Length == 0)
        {
            logger.LogInformation("Database schema is up to date");
            return;
        }

        logger.LogInformation("Applying {Count} migration(s): {Migrations}", pending.Length, string.Join(", ", pending));
        await db.Database.MigrateAsync(cancellationToken);
    }

    private static async Task CheckReachableAsync(RunRecoveryDatabase database, CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Pooling = false };
        if (builder.Timeout == new NpgsqlConnectionStringBuilder().Timeout)
        {
            builder.Timeout = 10;
        }

        try
        {
            await using var connection = new NpgsqlConnection(builder.ConnectionString);
            await connection.OpenAsync(cancellationToken);
        }
        catch (PostgresException error)
        {
            throw new DatabaseStartupException(
                $"PostgreSQL at {database.Description} refused the connection: {error.MessageText} ({error.SqlState}). {Hint}", error);
        }
        catch (NpgsqlException error)
        {
            string reason = error.InnerException is SocketException or TimeoutException or IOException
                ? error.InnerException.Message
                : error.Message;
            throw new DatabaseStartupException($"Cannot reach PostgreSQL at {database.Description}: {reason}. {Hint}", error);
        }
        catch (ArgumentException error)
        {
            throw new DatabaseStartupException($"The connection string is not usable ({error.Message}). {Hint}", error);
        }
    }
}
