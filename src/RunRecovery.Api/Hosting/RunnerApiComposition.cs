using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.RateLimiting;
using Hangfire;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using RunRecovery.Application.Activities.Upload;
using RunRecovery.Application.Runners.Create;
using RunRecovery.Application.Scoring;
using RunRecovery.Application.Webhooks;

namespace RunRecovery.Api.Hosting;

/// <summary>The runner API's services: upload limits and rate limiting, scoring requests, webhooks, recurring jobs.</summary>
internal static class RunnerApiComposition
{
    public static void AddRunnerApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<UploadOptions>(configuration.GetSection(UploadOptions.Section));
        services.Configure<WebhookOptions>(configuration.GetSection(WebhookOptions.Section));
        services.Configure<ScoringOptions>(configuration.GetSection(ScoringOptions.Section));
        services.Configure<SignUpOptions>(configuration.GetSection(SignUpOptions.Section));
        services.AddScoped<ScoringRequests>();
        services.AddHttpClient(WebhookOptions.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(10))
            .ConfigurePrimaryHttpMessageHandler(provider =>
                WebhookConnections.CreateHandler(provider.GetRequiredService<IOptions<WebhookOptions>>().Value));
        services.ConfigureHttpJsonOptions(options =>
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower)));

        services.AddRateLimiter(options =>
        {
            options.AddPolicy(UploadActivitiesEndpoint.RateLimitPolicy, context =>
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

    /// <summary>Recurring jobs (kebab-case ids): the scoring sweeper and the webhook dispatcher, every minute.</summary>
    public static void AddRunnerApiRecurringJobs(IServiceProvider services)
    {
        IRecurringJobManager recurring = services.GetRequiredService<IRecurringJobManager>();
        recurring.AddOrUpdate<SweepUnscoredJob>(SweepUnscoredJob.RecurringId, job => job.RunAsync(CancellationToken.None), Cron.Minutely());
        recurring.AddOrUpdate<DispatchDueRecommendationsJob>(
            DispatchDueRecommendationsJob.RecurringId, job => job.RunAsync(CancellationToken.None), Cron.Minutely());
    }
}
