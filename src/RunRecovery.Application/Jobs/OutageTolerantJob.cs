using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RunRecovery.Application.Persistence;

namespace RunRecovery.Application.Jobs;

/// <summary>
/// What every outage-tolerant job class does, written once: identifiers in, one message out, each attempt in a fresh
/// DI scope (so no half-saved tracked entities carry over), and a database outage ridden out in place instead of
/// failing while Hangfire itself cannot record the failure. <typeparamref name="TJob"/> names the job in the log.
/// </summary>
public sealed class OutageTolerantJob<TJob>(IServiceScopeFactory scopes, BrokenConnections connections, ILogger<TJob> logger)
{
    /// <summary>
    /// Sends <paramref name="message"/>; when it fails with an outage, waits (1, 2, 4, 8 s, then every 10 s) and sends
    /// it again from the start, until it succeeds, fails otherwise, or <paramref name="patience"/> has passed (then the
    /// outage is rethrown and Hangfire's own retry takes over). Only for messages whose handler is safe to run twice.
    /// Connections the outage broke are dropped from the pool before the next attempt.
    /// </summary>
    public async Task SendAsync<TResponse>(ICommand<TResponse> message, TimeSpan patience, CancellationToken cancellationToken)
    {
        var elapsed = Stopwatch.StartNew();
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                await using AsyncServiceScope scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<ISender>().Send(message, cancellationToken);
                return;
            }
            catch (Exception error) when (DatabaseOutage.Is(error) && !cancellationToken.IsCancellationRequested && elapsed.Elapsed < patience)
            {
                TimeSpan wait = TimeSpan.FromSeconds(attempt <= 4 ? 1 << (attempt - 1) : 10);
                logger.LogWarning(
                    "Database unavailable ({Reason}); attempt {Attempt} waits {Wait} s, then starts over from what is stored",
                    error.GetBaseException().Message, attempt, wait.TotalSeconds);
                connections.DropAfter(error);
                await Task.Delay(wait, cancellationToken);
            }
        }
    }
}
