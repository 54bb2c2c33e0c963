using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using RunRecovery.Application.Authentication;
using RunRecovery.Application.Dashboard;

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
/// dashboard's sign-in form refused, and a recovery code POST /api/runners/recover refused). Past <see cref="FailedAuthenticationOptions.FailureLimit"/> in a window, a
/// request from that address that presents a key or signs in is answered 429 with Retry-After before the key is
/// looked at; requests without credentials (health, sign-up, the pages) are not affected. Loopback clients are exempt:
/// with trusted proxies configured (RunRecovery:ForwardedHeaders) the address is the real client's. Independent of
/// the per-key upload limiter (RunRecovery:Uploads:RateLimit…).
/// </summary>
public static class FailedAuthenticationLimit
{
    public static IServiceCollection AddFailedAuthenticationLimit(this IServiceCollection services, IConfiguration configuration)
    {
        var options = new FailedAuthenticationOptions();
        configuration.GetSection("RunRecovery:Authentication").Bind(options);
        services.AddSingleton(options);
        return services;
    }

    /// <summary>Before UseAuthentication, so a blocked address costs no database lookup.</summary>
    public static void UseFailedAuthenticationLimit(this WebApplication app)
    {
        FailedAuthenticationOptions options = app.Services.GetRequiredService<FailedAuthenticationOptions>();
        if (options.FailureLimit <= 0)
        {
            return;
        }

        PartitionedRateLimiter<string> failures = PartitionedRateLimiter.Create<string, string>(address =>
            RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = options.FailureLimit,
                Window = options.FailureWindow,
                QueueLimit = 0,
                AutoReplenishment = true,
            }));
        app.Lifetime.ApplicationStopped.Register(failures.Dispose);

        app.Use(async (context, next) =>
        {
            IPAddress? remote = context.Connection.RemoteIpAddress;
            bool signIn = HttpMethods.IsPost(context.Request.Method) && context.Request.Path.Equals("/dashboard/signin", StringComparison.OrdinalIgnoreCase);
            bool recover = HttpMethods.IsPost(context.Request.Method) && context.Request.Path.Equals("/api/runners/recover", StringComparison.OrdinalIgnoreCase);
            bool bearer = !string.IsNullOrEmpty(context.Request.Headers.Authorization);
            if (remote is null || IsLoopback(remote) || !(bearer || signIn || recover))
            {
                await next(context);
                return;
            }

            string address = (remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote).ToString();
            using (RateLimitLease budget = failures.AttemptAcquire(address, permitCount: 0))
            {
                if (!budget.IsAcquired)
                {
                    await TooManyAsync(context, budget);
                    return;
                }
            }

            await next(context);

            bool failed = signIn
                ? context.Response.Headers.Location.ToString().StartsWith($"{DashboardEndpoints.SignInPage}?error=key", StringComparison.Ordinal)
                : recover
                ? context.Response.StatusCode == StatusCodes.Status401Unauthorized
                : context.User.Identity?.IsAuthenticated != true;
            if (failed)
            {
                failures.AttemptAcquire(address).Dispose();
            }
        });
    }

    private static async Task TooManyAsync(HttpContext context, RateLimitLease lease)
    {
        TimeSpan retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out TimeSpan wait) ? wait : TimeSpan.FromMinutes(1);
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many failed authentication attempts.",
                Detail = $"Too many requests from this address presented an invalid API key; try again after the Retry-After delay. {ApiKeyAuthenticationHandler.SchemeName} keys are issued by POST /api/runners.",
            },
        });
    }

    private static bool IsLoopback(IPAddress address) => IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);
}
