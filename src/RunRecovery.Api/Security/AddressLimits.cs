using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;

namespace RunRecovery.Api.Security;

/// <summary>
/// What the per-address limits share (<see cref="FailedAuthenticationLimit"/>, <see cref="SignUpLimit"/>): a fixed
/// window per client address, and the 429 problem with Retry-After. The address is the connection's, or the real
/// client's behind a listed proxy (<see cref="Application.Authentication.RequestOrigin.ClientKey"/>).
/// </summary>
internal static class AddressLimits
{
    /// <summary>A fixed-window limiter per address, disposed when the host stops.</summary>
    public static PartitionedRateLimiter<string> PerAddress(WebApplication app, int permits, TimeSpan window)
    {
        PartitionedRateLimiter<string> limiter = PartitionedRateLimiter.Create<string, string>(address =>
            RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = permits,
                Window = window,
                QueueLimit = 0,
                AutoReplenishment = true,
            }));
        app.Lifetime.ApplicationStopped.Register(limiter.Dispose);
        return limiter;
    }

    /// <summary>429 with Retry-After (whole seconds, at least 1) from the refused lease, and a problem body.</summary>
    public static async Task WriteTooManyAsync(HttpContext context, RateLimitLease refused, string title, string detail)
    {
        TimeSpan retryAfter = refused.TryGetMetadata(MetadataName.RetryAfter, out TimeSpan wait) ? wait : TimeSpan.FromMinutes(1);
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = title,
                Detail = detail,
            },
        });
    }
}
