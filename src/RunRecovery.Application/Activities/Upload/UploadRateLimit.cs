using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RunRecovery.Application.RateLimits;

namespace RunRecovery.Application.Activities.Upload;

/// <summary>
/// The per-key upload limit (<see cref="UploadOptions.RateLimitPermits"/> per <see cref="UploadOptions.RateLimitWindow"/>,
/// fixed window, per runner the key authenticated), on top of the general per-key limit; over it, a 429 problem with
/// <c>Retry-After</c>. Counted and reported (<c>RateLimit-*</c> headers) by <see cref="KeyedRateLimits"/>.
/// </summary>
public static class UploadRateLimit
{
    public const string Policy = "uploads";

    public static readonly KeyedRateLimit Limit = new(Policy, "Too many uploads.", services =>
    {
        UploadOptions limits = services.GetRequiredService<IOptions<UploadOptions>>().Value;
        return new RateLimitRule(limits.RateLimitPermits, limits.RateLimitWindow);
    });
}
