using System.Threading.RateLimiting;
using RunRecovery.Application.Authentication;

namespace RunRecovery.Api.Security;

/// <summary>Settings under <c>RunRecovery:SignUpLimit</c> (docs/security.md, "Sign-up per address").</summary>
public sealed class SignUpLimitOptions
{
    public const string Section = "RunRecovery:SignUpLimit";

    /// <summary>
    /// Sign-up attempts (POST /api/runners, whatever the answer) per client address per <see cref="Window"/>; 0 turns
    /// the limit off. 20 lets a club sign up together over one Wi-Fi (one NAT address) in an evening.
    /// </summary>
    public int PermitLimit { get; set; } = 20;

    public TimeSpan Window { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>
/// Limits sign-ups per client address: past <see cref="SignUpLimitOptions.PermitLimit"/> attempts in a window, POST
/// /api/runners answers 429 with Retry-After before the body is read, so nothing is stored and the email is not
/// looked up (the 409 for a known email would otherwise let an address probe for accounts without end). Clients on
/// this machine are exempt, as for the failed-authentication limit; whether sign-up is open at all is the separate
/// setting <c>RunRecovery:SignUp</c>.
/// </summary>
public static class SignUpLimit
{
    /// <summary>The sign-up endpoint's name (its OpenAPI operation id).</summary>
    public const string EndpointName = "CreateRunner";

    public static IServiceCollection AddSignUpLimit(this IServiceCollection services, IConfiguration configuration)
    {
        var options = new SignUpLimitOptions();
        configuration.GetSection(SignUpLimitOptions.Section).Bind(options);
        services.AddSingleton(options);
        return services;
    }

    /// <summary>After routing (the endpoint is known), before the endpoint reads the body.</summary>
    public static void UseSignUpLimit(this WebApplication app)
    {
        SignUpLimitOptions options = app.Services.GetRequiredService<SignUpLimitOptions>();
        if (options.PermitLimit <= 0)
        {
            return;
        }

        PartitionedRateLimiter<string> signUps = AddressLimits.PerAddress(app, options.PermitLimit, options.Window);
        app.Use(async (context, next) =>
        {
            bool signUp = HttpMethods.IsPost(context.Request.Method)
                && context.GetEndpoint()?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName == EndpointName;
            if (!signUp || RequestOrigin.IsLoopbackClient(context) || RequestOrigin.ClientKey(context) is not { } address)
            {
                await next(context);
                return;
            }

            using RateLimitLease lease = signUps.AttemptAcquire(address);
            if (!lease.IsAcquired)
            {
                await AddressLimits.WriteTooManyAsync(
                    context,
                    lease,
                    "Too many sign-ups from this address.",
                    "This address has created its share of accounts for now; try again after the Retry-After delay. Someone who already has an account signs in with their key instead.");
                return;
            }

            await next(context);
        });
    }
}
