using System.Text.Json;
using System.Text.Json.Serialization;
using Hangfire;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RunRecovery.Application.Activities;
using RunRecovery.Application.Activities.Ingest;
using RunRecovery.Application.Activities.Sessions;
using RunRecovery.Application.Activities.Upload;
using RunRecovery.Application.Authentication;
using RunRecovery.Application.DropFolder;
using RunRecovery.Application.Imports;
using RunRecovery.Application.Imports.Process;
using RunRecovery.Application.Jobs;
using RunRecovery.Application.Persistence;
using RunRecovery.Application.RateLimits;
using RunRecovery.Application.Rescoring;
using RunRecovery.Application.Runners.Create;
using RunRecovery.Application.Webhooks;

namespace RunRecovery.Application;

/// <summary>
/// The application's own services: settings, the scoped helpers its handlers share, API-key authentication, the
/// upload rate limit, the webhook HTTP client and the API's JSON conventions; and its recurring jobs. The host adds
/// the database, the mediator (its generated registration lives in the host) and Hangfire.
/// </summary>
public static class ApplicationServices
{
    public static IServiceCollection AddApplication(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<UploadOptions>(configuration.GetSection(UploadOptions.Section));
        services.Configure<WebhookOptions>(configuration.GetSection(WebhookOptions.Section));
        services.Configure<ScoringOptions>(configuration.GetSection(ScoringOptions.Section));
        services.Configure<ImportOptions>(configuration.GetSection(ImportOptions.Section));
        services.Configure<SignUpOptions>(configuration.GetSection(SignUpOptions.Section));
        services.Configure<DropFolderOptions>(configuration.GetSection(DropFolderOptions.Section));
        if (!string.IsNullOrWhiteSpace(configuration[$"{DropFolderOptions.Section}:Path"]))
        {
            services.AddSingleton<DropFolderStatus>();
            services.AddHostedService<DropFolderService>();
        }

        services.AddSingleton<BrokenConnections>();
        services.AddTransient(typeof(OutageTolerantJob<>));
        services.AddScoped<ScoringQueue>();
        services.AddScoped<ActivityIngest>();
        services.AddSingleton<ParseGate>();
        services.AddSingleton<UploadAdmission>();
        services.AddSingleton<ScoringLane>();
        services.AddSingleton<RunnerHistoryCache>();
        services.AddSingleton<ParsedActivityCache>();
        services.AddScoped<ActivityEvents>();
        services.AddScoped<WebhookPost>();
        services.AddScoped<ImportEntryWriter>();
        services.AddScoped<ImportFinisher>();
        services.AddScoped<ImportFanOut>();
        services.AddScoped<ImportDispatcher>();
        services.AddSingleton<DashboardSession>();

        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, configureOptions: null);
        services.AddAuthorization();
        services.Configure<RateLimitOptions>(configuration.GetSection(RateLimitOptions.Section));
        services.AddSingleton<RateWindows>();
        services.AddScoped<Idempotency.IdempotencyStore>();
        services.AddRateLimiter(_ => { }); // the host's UseRateLimiter needs it; keyed limits are KeyedRateLimits'
        services.AddHttpClient(WebhookOptions.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(10))
            .ConfigurePrimaryHttpMessageHandler(provider =>
                WebhookConnections.CreateHandler(provider.GetRequiredService<IOptions<WebhookOptions>>().Value));
        services.ConfigureHttpJsonOptions(options => Contracts.ApiJsonConventions.Apply(options.SerializerOptions));
        return services;
    }

    /// <summary>Recurring jobs (kebab-case ids), every minute: the scoring sweeper, the webhook dispatcher, the stalled-import sweeper, the sessions backfill; hourly: expired idempotency keys.</summary>
    public static void AddApplicationRecurringJobs(IServiceProvider services)
    {
        IRecurringJobManager recurring = services.GetRequiredService<IRecurringJobManager>();
        recurring.AddOrUpdate<SweepUnscoredJob>(SweepUnscoredJob.RecurringId, job => job.RunAsync(CancellationToken.None), Cron.Minutely());
        recurring.AddOrUpdate<DispatchDueRecommendationsJob>(
            DispatchDueRecommendationsJob.RecurringId, job => job.RunAsync(CancellationToken.None), Cron.Minutely());
        recurring.AddOrUpdate<ResumeStalledImportsJob>(
            ResumeStalledImportsJob.RecurringId, job => job.RunAsync(CancellationToken.None), Cron.Minutely());
        recurring.AddOrUpdate<ReadActivitySessionsJob>(
            ReadActivitySessionsJob.RecurringId, job => job.RunAsync(CancellationToken.None), Cron.Minutely());
        recurring.AddOrUpdate<Idempotency.PruneIdempotencyKeysJob>(
            Idempotency.PruneIdempotencyKeysJob.RecurringId, job => job.RunAsync(CancellationToken.None), Cron.Hourly());
    }
}
