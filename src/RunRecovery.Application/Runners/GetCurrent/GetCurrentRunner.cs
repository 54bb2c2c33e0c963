using RunRecovery.Application.Persistence;

namespace RunRecovery.Application.Runners.GetCurrent;

public sealed record GetCurrentRunner(Guid RunnerId) : IQuery<RunnerAccount>;

public sealed class GetCurrentRunnerHandler(RunRecoveryDb db) : IQueryHandler<GetCurrentRunner, RunnerAccount>
{
    public async ValueTask<RunnerAccount> Handle(GetCurrentRunner query, CancellationToken cancellationToken)
    {
        Runner runner = await db.Runners.AsNoTracking().SingleAsync(r => r.Id == query.RunnerId, cancellationToken);
        return RunnerAccount.From(runner);
    }
}
