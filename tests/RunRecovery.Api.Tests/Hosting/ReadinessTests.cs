using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RunRecovery.Api.Database;
using RunRecovery.Api.Hosting;
using RunRecovery.Api.Tests.Infrastructure;

namespace RunRecovery.Api.Tests.Hosting;

public sealed class ReadinessTests(TestPostgres postgres)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Not_ready_while_migrations_are_pending_then_ready_after_migrate()
    {
        string connectionString = await postgres.CreateEmptyDatabaseAsync(Cancel);
        try
        {
            (RunRecoveryService service, HttpClient client) = await ApiServer.StartAsync(
                connectionString, ServiceRole.Api, ["--RunRecovery:ApplyMigrationsOnStart=false"], Cancel);
            await using (service)
            using (client)
            {
                using HttpResponseMessage notReady = await client.GetAsync("/health/ready", Cancel);
                Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
                JsonElement database = (await notReady.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("checks").GetProperty("database");
                Assert.Contains("pending", database.GetProperty("description").GetString(), StringComparison.Ordinal);

                await DatabaseStartup.MigrateAsync(service.App.Services, Cancel); // what the `migrate` verb runs

                using HttpResponseMessage ready = await client.GetAsync("/health/ready", Cancel);
                Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
            }
        }
        finally
        {
            await postgres.DropDatabaseAsync(connectionString);
        }
    }

    [Fact]
    public async Task Migrate_verb_applies_migrations_even_when_start_up_migration_is_off()
    {
        string connectionString = await postgres.CreateEmptyDatabaseAsync(Cancel);
        try
        {
            StartupCommand migrate = StartupCommand.Parse(
                ["migrate", $"--ConnectionStrings:RunRecovery={connectionString}", "--RunRecovery:ApplyMigrationsOnStart=false", "--Logging:LogLevel:Default=Warning"]);
            await using (await RunRecoveryService.CreateAsync(migrate, Cancel))
            {
            }

            await using var connection = new Npgsql.NpgsqlConnection(connectionString);
            await connection.OpenAsync(Cancel);
            await using var command = new Npgsql.NpgsqlCommand("SELECT count(*) FROM runrecovery.__ef_migrations_history", connection);
            Assert.True((long)(await command.ExecuteScalarAsync(Cancel))! > 0);
        }
        finally
        {
            await postgres.DropDatabaseAsync(connectionString);
        }
    }

    [Fact]
    public async Task Applies_migrations_at_start_by_default()
    {
        string connectionString = await postgres.CreateEmptyDatabaseAsync(Cancel);
        try
        {
            (RunRecoveryService service, HttpClient client) = await ApiServer.StartAsync(connectionString, ServiceRole.Api, [], Cancel);
            await using (service)
            using (client)
            {
                using HttpResponseMessage ready = await client.GetAsync("/health/ready", Cancel);
                Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
            }
        }
        finally
        {
            await postgres.DropDatabaseAsync(connectionString);
        }
    }
}
