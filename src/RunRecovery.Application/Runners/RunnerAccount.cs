using RunRecovery.Application.Persistence;

namespace RunRecovery.Application.Runners;

/// <summary>What a runner sees about themself.</summary>
public sealed record RunnerAccount(Guid Id, string Name, string Email, string TimeZone, DateTimeOffset CreatedAt)
{
    public static RunnerAccount From(Runner runner) =>
        new(runner.Id, runner.Name, runner.Email, runner.TimeZone, runner.CreatedAt);
}
