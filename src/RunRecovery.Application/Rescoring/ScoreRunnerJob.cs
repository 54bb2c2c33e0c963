using Hangfire;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RunRecovery.Application.Persistence;

namespace RunRecovery.Application.Rescoring;

/// <summary>
/// Recomputes one runner's loads, series and recommendation queue. The recompute is idempotent, so a database
/// outage mid-run is ridden out in place (<see cref="DatabaseOutage.RideOutAsync"/>, a fresh scope per attempt)
/// instead of failing while Hangfire itself cannot record the failure.
/// </summary>
public sealed class ScoreRunnerJob(IServiceScopeFactory scopes, ILogger<ScoreRunnerJob> logger)
{
    public const string Queue = "scoring";

    public static readonly TimeSpan OutagePatience = TimeSpan.FromMinutes(2);

    [Queue(Queue), AutomaticRetry(Attempts = 5)]
    public Task RunAsync(Guid runnerId, CancellationToken cancellationToken) =>
        DatabaseOutage.RideOutAsync(
            async () =>
            {
                await using AsyncServiceScope scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<ISender>().Send(new ScoreRunner(runnerId), cancellationToken);
            },
            OutagePatience,
            logger,
            cancellationToken);
}
