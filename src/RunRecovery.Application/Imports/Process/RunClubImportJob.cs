using Hangfire;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RunRecovery.Application.Persistence;

namespace RunRecovery.Application.Imports.Process;

/// <summary>Runs (or continues) one club import. Safe to run twice: finished entries are skipped, and a second
/// concurrent run of the same import waits on the first's lock and then finds nothing left to do. A database
/// outage mid-import is ridden out in place: once PostgreSQL answers again the import continues from the first
/// entry without a row (<see cref="DatabaseOutage.RideOutAsync"/>, a fresh scope per attempt).</summary>
public sealed class RunClubImportJob(IServiceScopeFactory scopes, ILogger<RunClubImportJob> logger)
{
    public const string Queue = "default";

    public static readonly TimeSpan OutagePatience = TimeSpan.FromMinutes(5);

    [Queue(Queue), AutomaticRetry(Attempts = 10)]
    public Task RunAsync(Guid importId, CancellationToken cancellationToken) =>
        DatabaseOutage.RideOutAsync(
            async () =>
            {
                await using AsyncServiceScope scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<ISender>().Send(new RunClubImport(importId), cancellationToken);
            },
            OutagePatience,
            logger,
            cancellationToken);
}
