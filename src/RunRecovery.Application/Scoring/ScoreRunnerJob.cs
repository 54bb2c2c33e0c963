using Hangfire;
using Mediator;

namespace RunRecovery.Application.Scoring;

/// <summary>Recomputes one runner's loads, series and recommendation queue.</summary>
public sealed class ScoreRunnerJob(ISender sender)
{
    public const string Queue = "scoring";

    [Queue(Queue), AutomaticRetry(Attempts = 5)]
    public async Task RunAsync(Guid runnerId, CancellationToken cancellationToken) =>
        await sender.Send(new ScoreRunner(runnerId), cancellationToken);
}
