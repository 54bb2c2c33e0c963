using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RunRecovery.Application.Authentication;

namespace RunRecovery.Application.RateLimits;

/// <summary>
/// Every request made with an API key counts against the key's general limit (<see cref="RateLimitOptions"/>) and
/// the route's own <see cref="KeyedRateLimit"/> if it has one; the answer carries <c>RateLimit-Limit</c>,
/// <c>RateLimit-Remaining</c> and <c>RateLimit-Reset</c> (seconds) of the limit closest to running out
/// (draft-ietf-httpapi-ratelimit-headers), set when the response starts so that error answers carry them too.
/// Over a limit: 429 problem with <c>Retry-After</c>. Dashboard (cookie) requests are not keyed and not counted.
/// </summary>
public static class KeyedRateLimits
{
    public const string LimitHeader = "RateLimit-Limit";
    public const string RemainingHeader = "RateLimit-Remaining";
    public const string ResetHeader = "RateLimit-Reset";

    /// <summary>After UseAuthentication (it needs the runner the key authenticated).</summary>
    public static IApplicationBuilder UseKeyedRateLimits(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (RunnerOf(context.User) is not { } runner)
        {
            await next(context);
            return;
        }

        RateWindows windows = context.RequestServices.GetRequiredService<RateWindows>();
        RateLimitOptions general = context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
        var decisions = new List<(RateDecision Decision, string Title, string Name)>(2);
        if (general.RequestsPerWindow > 0)
        {
            decisions.Add((windows.Take($"requests:{runner}", new RateLimitRule(general.RequestsPerWindow, general.Window)), "Too many requests.", "requests"));
        }

        if (context.GetEndpoint()?.Metadata.GetMetadata<KeyedRateLimit>() is { } own && own.Rule(context.RequestServices) is { Permits: > 0 } rule)
        {
            decisions.Add((windows.Take($"{own.Name}:{runner}", rule), own.Title, own.Name));
        }

        if (decisions.Count == 0)
        {
            await next(context);
            return;
        }

        (RateDecision shown, string title, string name) = decisions.MinBy(d => (d.Decision.Allowed ? 1 : 0, d.Decision.Remaining, d.Decision.Reset));
        context.Response.OnStarting(() =>
        {
            context.Response.Headers[LimitHeader] = shown.Limit.ToString(CultureInfo.InvariantCulture);
            context.Response.Headers[RemainingHeader] = shown.Remaining.ToString(CultureInfo.InvariantCulture);
            context.Response.Headers[ResetHeader] = shown.ResetSeconds.ToString(CultureInfo.InvariantCulture);
            return Task.CompletedTask;
        });
        if (shown.Allowed)
        {
            await next(context);
            return;
        }

        int seconds = Math.Max(shown.ResetSeconds, 1);
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = title,
                Detail = $"This API key has used its {shown.Limit} requests of this kind for now; try again in {seconds} s.",
                Extensions = { ["limit"] = $"{name}-per-key" }, // which limit refused it: requests-per-key, uploads-per-key
            },
        });
    });

    /// <summary>The runner an API key (not a dashboard cookie) authenticated; null otherwise.</summary>
    private static string? RunnerOf(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && !user.HasClaim(c => c.Type == DashboardSession.MethodClaim)
            ? user.FindFirstValue(ClaimTypes.NameIdentifier)
            : null;
}
