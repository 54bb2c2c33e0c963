using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace RunRecovery.Api.Health;

/// <summary>Ready when Hangfire's storage (schema <c>hangfire</c>) answers a read.</summary>
internal sealed class HangfireStorageCheck(JobStorage storage) : IHealthCheck
{
    // Hangfire's storage API is synchronous and ignores the token: wait for it only as long as the check's timeout.
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.Run(
            () =>
            {
                using IStorageConnection connection = storage.GetConnection();
                _ = connection.GetAllItemsFromSet("recurring-jobs");
                return HealthCheckResult.Healthy("Hangfire storage answers.");
            },
            cancellationToken).WaitAsync(cancellationToken);
}
