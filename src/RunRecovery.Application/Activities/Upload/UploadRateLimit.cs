using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace RunRecovery.Application.Activities.Upload;

/// <summary>
/// The per-key upload limit (<see cref="UploadOptions.RateLimitPermits"/> per <see cref="UploadOptions.RateLimitWindow"/>,
/// fixed window, partitioned by the runner the key authenticated); over it, a 429 problem with <c>Retry-After</c>.
/// </summary>
public static class UploadRateLimit
{
    public const string Policy = "uploads";

    public static IServiceCollection AddUploadRateLimit(this IServiceCollection services) => services.AddRateLimiter(options =>
    {
        options.AddPolicy(Policy, context =>
        {
            UploadOptions limits = context.RequestServices.GetRequiredService<IOptions<UploadOptions>>().Value;
            if (limits.RateLimitPermits <= 0)
            {
                return RateLimitPartition.GetNoLimiter("off");
            }

            // Per key: the runner the key authenticated (the policy runs after authentication).
            string partition = context.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "anonymous";
            return RateLimitPartition.GetFixedWindowLimiter(partition, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = limits.RateLimitPermits,
                Window = limits.RateLimitWindow,
                QueueLimit = 0,
            });
        });
        options.OnRejected = async (context, cancellationToken) =>
        {
            HttpContext http = context.HttpContext;
            int seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out TimeSpan retryAfter)
                ? (int)Math.Ceiling(retryAfter.TotalSeconds)
                : 60;
            http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = http,
                ProblemDetails = new ProblemDetails
                {
                    Status = StatusCodes.Status429TooManyRequests,
                    Title = "Too many uploads.",
                    Detail = $"This API key has used its uploads for now; try again in {seconds} s.",
                },
            });
        };
    });
}
