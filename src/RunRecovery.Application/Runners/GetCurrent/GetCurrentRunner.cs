using Mediator;
using Microsoft.EntityFrameworkCore;
using RunRecovery.Application.Data;

namespace RunRecovery.Application.Runners.GetCurrent;

public sealed record GetCurrentRunner(Guid RunnerId) : IQuery<RunnerProfile>;

public sealed class GetCurrentRunnerHandler(RunRecoveryDb db) : IQueryHandler<GetCurrentRunner, RunnerProfile>
{
    public async ValueTask<RunnerProfile> Handle(GetCurrentRunner query, CancellationToken cancellationToken)
    {
        Runner runner = await db.Runners.AsNoTracking().SingleAsync(r => r.Id == query.RunnerId, cancellationToken);
        return RunnerProfile.From(runner);
    }
}
