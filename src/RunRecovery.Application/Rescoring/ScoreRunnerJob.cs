using Hangfire;
using RunRecovery.Application.Jobs;

namespace RunRecovery.Application.Rescoring;

/// <summary>
/// Recomputes one runner's loads, series and recommendation queue. The recompute is idempotent, so a database outage
/// mid-run is ridden out in place (<see cref="OutageTolerantJob{TJob}"/>). It recomputes inside the process's
/// <see cref="ScoringLane"/>, so a process taking uploads gives them the CPU first.
/// </summary>
public sealed class ScoreRunnerJob(OutageTolerantJob<ScoreRunnerJob> job, ScoringLane lane)
{
    public const string Queue = "scoring";

    public static readonly TimeSpan OutagePatience = TimeSpan.FromMinutes(2);

    [Queue(Queue), AutomaticRetry(Attempts = 5)]
    public async Task RunAsync(Guid runnerId, CancellationToken cancellationToken)
    {
        using ScoringLane.Pass pass = await lane.EnterAsync(cancellationToken);
        await job.SendAsync(new ScoreRunner(runnerId), OutagePatience, cancellationToken);
    }
}
