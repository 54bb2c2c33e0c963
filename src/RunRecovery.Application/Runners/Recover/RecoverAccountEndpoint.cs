using RunRecovery.Application.Runners.Create;

namespace RunRecovery.Application.Runners.Recover;

public sealed record RecoverAccountRequest(string? Email, string? RecoveryCode);

public static class RecoverAccountEndpoint
{
    public static void Map(RouteGroupBuilder runners) =>
        runners.MapPost("/recover", HandleAsync)
            .AllowAnonymous()
            .WithName("RecoverAccount")
            .WithSummary("A lost key: the email and the one-time recovery code from sign-up give a new API key and a new recovery code (each shown once).")
            .ProducesProblem(StatusCodes.Status401Unauthorized);

    // 401, not 400: a wrong code is a failed credential, counted by the failed-authentication limit like a wrong key.
    private static async Task<Results<Ok<CreatedRunner>, ProblemHttpResult>> HandleAsync(
        RecoverAccountRequest request, ISender sender, CancellationToken cancellationToken)
    {
        RecoveryOutcome outcome = await sender.Send(new RecoverAccount(request.Email, request.RecoveryCode), cancellationToken);
        return outcome.Account is { } account
            ? TypedResults.Ok(account)
            : TypedResults.Problem(
                statusCode: StatusCodes.Status401Unauthorized,
                title: "That email and recovery code do not match.",
                detail: "Check both (the code is the one from sign-up, or from your last recovery; each works once). Without it, the service's operator can reset your key.");
    }
}
