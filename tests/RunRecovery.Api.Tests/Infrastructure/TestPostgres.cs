using Hangfire.PostgreSql;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using RunRecovery.Api.Database;
using RunRecovery.Application.Persistence;
using Testcontainers.PostgreSql;

[assembly: AssemblyFixture(typeof(RunRecovery.Api.Tests.Infrastructure.TestPostgres))]

namespace RunRecovery.Api.Tests.Infrastructure;

/// <summary>
/// One PostgreSQL server for the whole test run, found in this order: a connection string in
/// RUNRECOVERY_TEST_DB (its user needs CREATEDB); a postgres:17 container when a Docker engine answers;
/// otherwise the service's own embedded cluster in a temporary folder, removed afterwards.
/// Migrations and the Hangfire schema are applied once, into a template database; every test class
/// gets its own clone (CREATE DATABASE … TEMPLATE …), so classes run in parallel without sharing rows.
/// </summary>
public sealed class TestPostgres : IAsyncLifetime
{
    private readonly SemaphoreSlim _cloneLock = new(1, 1);
    private readonly string _runId = Guid.NewGuid().ToString("N")[..8];
    private readonly List<string> _databases = [];
    private PostgreSqlContainer? _container;
    private EmbeddedPostgresCluster? _cluster;
    private string? _clusterFolder;
    private string _adminConnectionString = "";

    /// <summary>Which kind of server this run uses, for the test output.</summary>
    public string Source { get; private set; } = "";

    private string TemplateName => $"rr_template_{_runId}";

    public async ValueTask InitializeAsync()
    {
        CancellationToken cancellationToken = TestContext.Current.CancellationToken;
        string? configured = Environment.GetEnvironmentVariable("RUNRECOVERY_TEST_DB");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            _adminConnectionString = configured;
            Source = "RUNRECOVERY_TEST_DB";
        }
        else if (await DockerProbe.AnswersAsync(cancellationToken))
        {
            _container = new PostgreSqlBuilder("postgres:17").Build();
            await _container.StartAsync(cancellationToken);
            _adminConnectionString = _container.GetConnectionString();
            Source = "Testcontainers postgres:17";
        }
        else
        {
            _clusterFolder = Path.Combine(Path.GetTempPath(), $"runrecovery-tests-{_runId}");
            _cluster = await EmbeddedPostgresCluster.StartAsync(_clusterFolder, NullLogger.Instance, fastAndUnsafe: true, cancellationToken);
            ClusterWatchdog.Watch(_clusterFolder); // a killed test run's cluster is stopped and removed all the same
            _adminConnectionString = _cluster.ConnectionString;
            Source = $"embedded cluster in {_clusterFolder}";
        }

        await ExecuteAsync($"CREATE DATABASE {TemplateName}", cancellationToken);
        _databases.Add(TemplateName);
        string template = ConnectionStringFor(TemplateName);

        var options = new DbContextOptionsBuilder<RunRecoveryDb>();
        RunRecoveryDb.Configure(options, template);
        await using (var db = new RunRecoveryDb(options.Options))
        {
            await db.Database.MigrateAsync(cancellationToken);
        }

        await using (var connection = new NpgsqlConnection(template))
        {
            await connection.OpenAsync(cancellationToken);
            PostgreSqlObjectsInstaller.Install(connection, HangfireTables.Schema);
        }

        // CREATE DATABASE … TEMPLATE refuses while anyone is connected to the template.
        NpgsqlConnection.ClearAllPools();
    }

    /// <summary>A new database holding the migrated schema and no rows.</summary>
    public Task<string> CreateDatabaseAsync(CancellationToken cancellationToken) => CreateAsync(TemplateName, cancellationToken);

    /// <summary>A new database with nothing in it: not even the migrations.</summary>
    public Task<string> CreateEmptyDatabaseAsync(CancellationToken cancellationToken) => CreateAsync("template0", cancellationToken);

    public async Task DropDatabaseAsync(string connectionString)
    {
        string name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        await ExecuteAsync($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", CancellationToken.None);
        lock (_databases)
        {
            _databases.Remove(name);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_cluster is null && _container is null)
            {
                // A shared server from RUNRECOVERY_TEST_DB: leave nothing of this run behind.
                NpgsqlConnection.ClearAllPools();
                foreach (string name in _databases.ToArray())
                {
                    await ExecuteAsync($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", CancellationToken.None);
                }
            }
        }
        finally
        {
            if (_container is not null)
            {
                await _container.DisposeAsync();
            }

            if (_cluster is not null)
            {
                await _cluster.StopAsync();
                Directory.Delete(_clusterFolder!, recursive: true);
            }

            _cloneLock.Dispose();
        }
    }

    private async Task<string> CreateAsync(string template, CancellationToken cancellationToken)
    {
        string name = $"rr_test_{_runId}_{Guid.NewGuid():N}"[..40];
        await _cloneLock.WaitAsync(cancellationToken);
        try
        {
            await ExecuteAsync($"CREATE DATABASE {name} TEMPLATE {template}", cancellationToken);
            lock (_databases)
            {
                _databases.Add(name);
            }
        }
        finally
        {
            _cloneLock.Release();
        }

        return ConnectionStringFor(name);
    }

    private string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(_adminConnectionString) { Database = database }.ConnectionString;

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        var admin = new NpgsqlConnectionStringBuilder(_adminConnectionString) { Pooling = false };
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
