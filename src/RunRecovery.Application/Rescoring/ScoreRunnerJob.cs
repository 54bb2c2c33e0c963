using Hangfire;
using RunRecovery.Application.Jobs;

namespace RunRecovery.Application.Rescoring;

/// <summary>
/// Recomputes one runner's loads, series and recommendation queue. The recompute is idempotent, so a database outage
/// mid-run is ridden out in place (<see cref="OutageTolerantJob{TJob}"/>).
/// </summary>
public sealed class ScoreRunnerJob(OutageTolerantJob<ScoreRunnerJob> job)
{
    public const string Queue = "scoring";

    public static readonly TimeSpan OutagePatience = TimeSpan.FromMinutes(2);

    [Queue(Queue), AutomaticRetry(Attempts = 5)]
    public Task RunAsync(Guid runnerId, CancellationToken cancellationToken) =>
        job.SendAsync(new ScoreRunner(runnerId), OutagePatience, cancellationToken);
}
