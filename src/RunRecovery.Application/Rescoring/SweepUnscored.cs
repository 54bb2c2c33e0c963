using Hangfire;

namespace RunRecovery.Application.Rescoring;

/// <summary>Re-enqueue scoring for runners whose change was committed but never scored (a crash between commit and enqueue, a lost job).</summary>
public sealed record SweepUnscored : ICommand<int>;

public sealed class SweepUnscoredHandler(ScoringQueue queue) : ICommandHandler<SweepUnscored, int>
{
    public async ValueTask<int> Handle(SweepUnscored command, CancellationToken cancellationToken) =>
        await queue.SweepAsync(cancellationToken);
}

public sealed class SweepUnscoredJob(ISender sender)
{
    public const string RecurringId = "sweep-unscored";

    [Queue(ScoreRunnerJob.Queue), AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(CancellationToken cancellationToken) =>
        await sender.Send(new SweepUnscored(), cancellationToken);
}
