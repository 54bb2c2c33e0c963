using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using RunRecovery.Application.Persistence;

namespace RunRecovery.Api.Health;

/// <summary>Ready when the database answers and no migration is pending.</summary>
internal sealed class DatabaseReadyCheck(IServiceScopeFactory scopes, BrokenConnections connections) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await using AsyncServiceScope scope = scopes.CreateAsyncScope();
        RunRecoveryDb db = scope.ServiceProvider.GetRequiredService<RunRecoveryDb>();
        try
        {
            if (!await db.Database.CanConnectAsync(cancellationToken))
            {
                NpgsqlConnection.ClearAllPools(); // whatever the pool holds is likely broken too
                return HealthCheckResult.Unhealthy("The database does not answer.");
            }

            string[] pending = [.. await db.Database.GetPendingMigrationsAsync(cancellationToken)];
            return pending.Length == 0
                ? HealthCheckResult.Healthy("Reachable; all migrations applied.")
                : HealthCheckResult.Unhealthy($"{pending.Length} migration(s) pending: {string.Join(", ", pending)}.");
        }
        catch (Exception error) when (DatabaseOutage.Is(error))
        {
            connections.DropAfter(error);
            return HealthCheckResult.Unhealthy("The database does not answer.");
        }
    }
}
