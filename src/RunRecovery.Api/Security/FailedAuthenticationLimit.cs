using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using RunRecovery.Application.Authentication;
using RunRecovery.Application.Dashboard;
using RunRecovery.Application.Pipeline;

namespace RunRecovery.Api.Security;

/// <summary>Settings under <c>RunRecovery:Authentication</c>.</summary>
public sealed class FailedAuthenticationOptions
{
    /// <summary>Failed key checks per client address per window before that address gets 429; 0 turns the limit off.</summary>
    public int FailureLimit { get; set; } = 30;

    public TimeSpan FailureWindow { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>
/// Counts failed API-key checks per client address (a Bearer key that is malformed, unknown or revoked, a key the
/// dashboard's sign-in form refused, and a recovery code POST /api/runners/recover refused). Past
/// <see cref="FailedAuthenticationOptions.FailureLimit"/> in a window, the address's <em>failed</em> attempts are
/// answered 429 with Retry-After instead of their usual refusal — but a valid key (or recovery code) from the same
/// address still works: it is checked as before, so one device's bad keys do not lock out the household, club or
/// office behind the same NAT (docs/security.md, "Failed attempts"). Requests without credentials
/// (health, sign-up, the pages) are not affected. Clients on this machine are exempt unless the request was relayed
/// by a proxy nobody listed (<see cref="RequestOrigin"/>); behind a listed proxy (RunRecovery:ForwardedHeaders) the
/// address is the real client's. Independent of the per-key upload limiter (RunRecovery:Uploads:RateLimit…).
/// </summary>
public static class FailedAuthenticationLimit
{
    private enum Credential
    {
        None,
        Bearer,
        SignInForm,
        RecoveryCode,
    }

    public static IServiceCollection AddFailedAuthenticationLimit(this IServiceCollection services, IConfiguration configuration)
    {
        var options = new FailedAuthenticationOptions();
        configuration.GetSection("RunRecovery:Authentication").Bind(options);
        services.AddSingleton(options);
        return services;
    }

    /// <summary>Before UseAuthentication, so that an address under the limit costs nothing extra.</summary>
    public static void UseFailedAuthenticationLimit(this WebApplication app)
    {
        FailedAuthenticationOptions options = app.Services.GetRequiredService<FailedAuthenticationOptions>();
        if (options.FailureLimit <= 0)
        {
            return;
        }

        PartitionedRateLimiter<string> failures = AddressLimits.PerAddress(app, options.FailureLimit, options.FailureWindow);
        app.Use(async (context, next) =>
        {
            Credential credential = CredentialOf(context.Request);
            if (credential == Credential.None || RequestOrigin.IsLoopbackClient(context) || RequestOrigin.ClientKey(context) is not { } address)
            {
                await next(context);
                return;
            }

            using RateLimitLease budget = failures.AttemptAcquire(address, permitCount: 0);
            if (budget.IsAcquired)
            {
                await next(context);
                if (Failed(context, credential))
                {
                    failures.AttemptAcquire(address).Dispose();
                }

                return;
            }

            // Over the limit: the key is still checked (one indexed lookup, as for any request with a key), so only
            // the failed attempts are refused.
            if (credential == Credential.Bearer)
            {
                if ((await context.AuthenticateAsync()).Succeeded) // cached: UseAuthentication does not look again
                {
                    await next(context);
                }
                else
                {
                    await RefuseAsync(context, budget);
                }

                return;
            }

            await AnswerUnlessRefusedAsync(context, next, credential, budget);
        });
    }

    private static Credential CredentialOf(HttpRequest request) =>
        !string.IsNullOrEmpty(request.Headers.Authorization) ? Credential.Bearer
        : HttpMethods.IsPost(request.Method) && request.Path.Equals("/dashboard/signin", StringComparison.OrdinalIgnoreCase) ? Credential.SignInForm
        : HttpMethods.IsPost(request.Method) && request.Path.Equals("/api/runners/recover", StringComparison.OrdinalIgnoreCase) ? Credential.RecoveryCode
        : Credential.None;

    private static bool Failed(HttpContext context, Credential credential) => credential switch
    {
        Credential.SignInForm => context.Response.Headers.Location.ToString().StartsWith($"{DashboardEndpoints.SignInPage}?error=key", StringComparison.Ordinal),
        Credential.RecoveryCode => context.Response.StatusCode == StatusCodes.Status401Unauthorized,
        _ => context.User.Identity?.IsAuthenticated != true,
    };

    /// <summary>
    /// A credential in the body (the sign-in form, a recovery code) is checked by its endpoint, whose answer (a redirect
    /// or a small JSON body) is held until it
    /// is known whether the credential was refused: then 429 goes out instead, otherwise the answer as it was.
    /// </summary>
    private static async Task AnswerUnlessRefusedAsync(HttpContext context, RequestDelegate next, Credential credential, RateLimitLease budget)
    {
        using MemoryStream held = await HeldResponse.RunAsync(context, next);
        if (Failed(context, credential))
        {
            context.Response.Clear();
            await RefuseAsync(context, budget);
            return;
        }

        await held.CopyToAsync(context.Response.Body, context.RequestAborted);
    }

    private static Task RefuseAsync(HttpContext context, RateLimitLease budget) => AddressLimits.WriteTooManyAsync(
        context,
        budget,
        "Too many failed authentication attempts.",
        $"Too many requests from this address presented an invalid API key; try again after the Retry-After delay. A valid key still works. {ApiKeyAuthenticationHandler.SchemeName} keys are issued by POST /api/runners.");
}
