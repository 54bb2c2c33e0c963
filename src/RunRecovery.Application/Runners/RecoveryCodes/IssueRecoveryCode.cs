using RunRecovery.Application.Authentication;
using RunRecovery.Application.Persistence;

namespace RunRecovery.Application.Runners.RecoveryCodes;

/// <summary>A signed-in runner asks for a fresh recovery code (e.g. a runner from before codes existed, or a lost one).</summary>
public sealed record IssueRecoveryCode(Guid RunnerId) : ICommand<IssuedRecoveryCode>;

/// <summary>The new code, shown this once; the previous code stopped working. The API key is unchanged.</summary>
public sealed record IssuedRecoveryCode(string RecoveryCode, DateTimeOffset IssuedAt);

public sealed class IssueRecoveryCodeHandler(RunRecoveryDb db, TimeProvider clock) : ICommandHandler<IssueRecoveryCode, IssuedRecoveryCode>
{
    public async ValueTask<IssuedRecoveryCode> Handle(IssueRecoveryCode command, CancellationToken cancellationToken)
    {
        Runner runner = await db.Runners.SingleAsync(r => r.Id == command.RunnerId, cancellationToken);
        RecoveryCode.IssuedCode code = RecoveryCode.Issue();
        runner.ReplaceRecoveryCode(code.Hash, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return new IssuedRecoveryCode(code.Code, runner.RecoveryCodeIssuedAt!.Value); // just set above
    }
}

public static class IssueRecoveryCodeEndpoint
{
    public static void Map(RouteGroupBuilder runners) =>
        runners.MapPost("/me/recovery-code", HandleAsync)
            .RequireAuthorization()
            .WithName("IssueRecoveryCode")
            .WithSummary("A new one-time recovery code (shown once); the previous one stops working, the API key does not change.")
            .ProducesProblem(StatusCodes.Status401Unauthorized);

    private static async Task<Ok<IssuedRecoveryCode>> HandleAsync(CurrentRunner runner, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new IssueRecoveryCode(runner.Id), cancellationToken));
}
