using Mediator;
using RunRecovery.Application.Errors;
using RunRecovery.Application.Runners.Create;
using RunRecovery.Application.Runners.ResetKey;

namespace RunRecovery.Api.Hosting;

/// <summary>
/// Operator commands run against the service's own database and settings (the same connection string, or the embedded
/// cluster), without listening: <c>RunRecovery.Api admin reset-key --email EMAIL</c>. See docs/security.md.
/// </summary>
public static class AdminCommands
{
    /// <summary>Prints the runner's new key and recovery code (once); exit 0, or 1 when no runner has that email.</summary>
    public static async Task<int> ResetKeyAsync(RunRecoveryService service, string email, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        await using AsyncServiceScope scope = service.App.Services.CreateAsyncScope();
        try
        {
            CreatedRunner account = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new ResetApiKeyByEmail(email));
            await output.WriteLineAsync($"New API key for {account.Runner.Email} ({account.Runner.Id}); the old key and every signed-in browser stop working now.");
            await output.WriteLineAsync($"apiKey: {account.ApiKey}");
            await output.WriteLineAsync($"recoveryCode: {account.RecoveryCode}");
            await output.WriteLineAsync("Both are shown this once: hand them to the runner by a channel you trust.");
            return 0;
        }
        catch (NotFoundException missing)
        {
            await error.WriteLineAsync($"RunRecovery admin reset-key: {missing.Message}");
            return 1;
        }
    }
}
