using System.Runtime;
using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Mediator;
using RunRecovery.Api.Dashboard;
using RunRecovery.Api.Database;
using RunRecovery.Api.Health;
using RunRecovery.Api.OpenApi;
using RunRecovery.Api.Problems;
using RunRecovery.Api.Security;
using RunRecovery.Application;
using RunRecovery.Application.Activities.Upload;
using RunRecovery.Application.Idempotency;
using RunRecovery.Application.Persistence;
using RunRecovery.Application.QueryStrings;
using RunRecovery.Application.RateLimits;
using RunRecovery.Application.Runners.Create;
using Scalar.AspNetCore;

namespace RunRecovery.Api.Hosting;

/// <summary>
/// The composition root: builds the web host for a role, settles the database (configured or
/// embedded), applies migrations and starts listening. Program and the integration tests both
/// start the service through here, so the tests run exactly what production runs.
/// </summary>
public sealed class RunRecoveryService : IAsyncDisposable
{
    private readonly EmbeddedPostgresCluster? _cluster;
    private readonly IDisposable _hangfireLog;
    private readonly int _hangfireWorkers;

    private RunRecoveryService(WebApplication app, EmbeddedPostgresCluster? cluster, ServiceRole role, int hangfireWorkers)
    {
        App = app;
        _cluster = cluster;
        Role = role;
        _hangfireWorkers = hangfireWorkers;
        _hangfireLog = HangfireLogBridge.Attach(app.Services.GetRequiredService<ILoggerFactory>());
    }

    public WebApplication App { get; }

    public ServiceRole Role { get; }

    /// <summary>The first address the server listens on (with its real port when started on port 0).</summary>
    public Uri BaseAddress => new(App.Urls.First());

    /// <summary>Builds the host and brings the database up; does not listen yet.</summary>
    /// <param name="configureServices">Runs after the service's own registrations (tests replace the clock here).</param>
    public static async Task<RunRecoveryService> CreateAsync(
        StartupCommand command, CancellationToken cancellationToken, Action<IServiceCollection>? configureServices = null)
    {
        WebApplicationBuilder builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = command.HostArguments,
            ContentRootPath = AppContext.BaseDirectory,
        });

        ServiceRole role = command.RoleGiven || builder.Configuration["RunRecovery:Role"] is not { } configured
            ? command.Role
            : StartupCommand.ParseRole(configured);
        DatabaseSettings settings = DatabaseSettings.From(builder.Configuration, Directory.GetCurrentDirectory());

        int hangfireWorkers = AddServices(builder, role);
        builder.AddRequestLimits();
        configureServices?.Invoke(builder.Services);
        WebApplication app = builder.Build();

        // Hangfire's storage (and with it the dashboard) needs the connection string, so endpoints are mapped once it is settled.
        EmbeddedPostgresCluster? cluster = await DatabaseStartup.ProvisionAsync(app.Services, settings, cancellationToken);
        var service = new RunRecoveryService(app, cluster, role, hangfireWorkers);
        try
        {
            if (settings.ApplyMigrationsOnStart || command.Verb == StartupVerb.Migrate)
            {
                await DatabaseStartup.MigrateAsync(app.Services, cancellationToken);
            }

            MapEndpoints(app, role);
            if (command.Verb == StartupVerb.Serve)
            {
                ApplicationServices.AddApplicationRecurringJobs(app.Services);
            }
        }
        catch
        {
            await service.DisposeAsync();
            throw;
        }

        return service;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await App.StartAsync(cancellationToken);
        App.Logger.LogInformation("RunRecovery started as role {Role} on {Urls}", Role.ToString().ToLowerInvariant(), string.Join(", ", App.Urls));

        // What the runtime sized itself for: read once at start-up from the machine or the container's CPU quota
        // (a process moved into a quota group later keeps the first sizes). docs/reliability.md, "Scale-out".
        App.Logger.LogInformation(
            "runtime: {Processors} processor(s), {Gc} GC, {Workers} Hangfire worker(s), tiering delay {TieringDelayMs} ms, thread-pool spin limit {SpinLimit}",
            Environment.ProcessorCount, GCSettings.IsServerGC ? "server" : "workstation", _hangfireWorkers,
            TieringDelay.Effective(Environment.GetEnvironmentVariable, Environment.ProcessorCount).TotalMilliseconds,
            ThreadPoolSpinning.Describe(Environment.GetEnvironmentVariable));
        if (Role != ServiceRole.Worker)
        {
            TransportSecurity.WarnIfPlainHttpToNetwork(App);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await App.StopAsync(CancellationToken.None);
            _hangfireLog.Dispose(); // before the logger factory goes, so no Hangfire call reaches a disposed one
            await App.DisposeAsync();
        }
        finally
        {
            if (_cluster is not null)
            {
                await _cluster.StopAsync();
            }
        }
    }

    /// <returns>The Hangfire worker count of this process's server (0 for the api role).</returns>
    private static int AddServices(WebApplicationBuilder builder, ServiceRole role)
    {
        IServiceCollection services = builder.Services;
        ConfigurationManager configuration = builder.Configuration;

        services.AddSingleton<RunRecoveryDatabase>();
        services.AddSingleton(TimeProvider.System);
        services.AddDbContext<RunRecoveryDb>((provider, options) =>
            RunRecoveryDb.Configure(options, provider.GetRequiredService<RunRecoveryDatabase>().ConnectionString));

        services.AddMediator((MediatorOptions options) =>
        {
            options.ServiceLifetime = ServiceLifetime.Scoped;
            options.Assemblies = [typeof(CreateRunner)];
        });

        // The storage is this host's own singleton rather than Hangfire's global JobStorage.Current, so two hosts
        // in one process (the integration tests) never pick up each other's database. AddHangfire keeps it.
        services.AddSingleton<JobStorage>(provider =>
        {
            var options = new PostgreSqlStorageOptions
            {
                SchemaName = HangfireTables.Schema,
                PrepareSchemaIfNecessary = true,
                // Workers wake on LISTEN/NOTIFY when a job is enqueued instead of polling every 15 s (PostgreSQL 11+).
                EnableLongPolling = true,

                // The backstop when a NOTIFY is missed: the library starts LISTEN beside its first fetch, so a job enqueued
                // between the two waits for the next poll (15 s by default, per hop of an import). See docs/reliability.md.
                QueuePollInterval = configuration.GetValue("RunRecovery:Worker:PollInterval", TimeSpan.FromSeconds(2)),

                // A fetched job stays invisible to other workers this long; a killed worker's job is fetched again
                // after it. Sliding: a live worker pushes its jobs' fetch time forward every fifth of the timeout,
                // so a healthy job longer than the timeout is not fetched twice (docs/reliability.md, "Scale-out").
                InvisibilityTimeout = configuration.GetValue("RunRecovery:Worker:InvisibilityTimeout", TimeSpan.FromMinutes(5)),
                UseSlidingInvisibilityTimeout = true,

                // A Hangfire lock (a row in hangfire.lock) left by a killed process blocks others until it is this old
                // (the library's default is 10 minutes). Hangfire holds its own locks for milliseconds (a job's state
                // change, a scheduler pass), and no job of ours holds one (RunAlone instead of DisableConcurrentExecution),
                // so a minute lets no second holder in beside a live one (docs/reliability.md, "Locks after a kill").
                DistributedLockTimeout = configuration.GetValue("RunRecovery:Worker:DistributedLockTimeout", TimeSpan.FromMinutes(1)),
            };
            // A pool that resets on reuse: each fetch LISTENs on a pooled connection (UNLISTEN comes with the reset).
            string connectionString = provider.GetRequiredService<RunRecoveryDatabase>().SessionConnectionString;
            return new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, options), options);
        });
        services.AddHangfire(hangfire => hangfire
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseTypeResolver(MovedJobTypes.Resolve) // jobs stored before a job class moved still run
            .UseRecommendedSerializerSettings()
            .UseLogProvider(HangfireLogBridge.Instance)); // not tied to whichever host configured Hangfire last

        int workers = 0;
        if (role != ServiceRole.Api)
        {
            string[] queues = configuration.GetSection("RunRecovery:Worker:Queues").Get<string[]>() ?? ["scoring", "default"];
            workers = configuration.GetValue("RunRecovery:Worker:Count", Math.Min(Environment.ProcessorCount * 2, 8));
            string? serverName = configuration["RunRecovery:Worker:ServerName"];
            services.AddHangfireServer((provider, server) =>
            {
                server.Queues = queues;
                server.WorkerCount = workers;
                server.ServerName = string.IsNullOrWhiteSpace(serverName) ? server.ServerName : serverName;

                // Jobs are built from this host's container, never from the process-wide JobActivator.Current
                // (set by whichever host in the process configured Hangfire last).
                server.Activator = new AspNetCoreJobActivator(provider.GetRequiredService<IServiceScopeFactory>());
            });
        }

        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Extensions["traceId"] = context.HttpContext.TraceIdentifier;
            ProblemTypes.Complete(context); // a type for 413, 429 and 431; a detail for a 413 from the body limit
        });
        services.AddExceptionHandler<ProblemExceptionHandler>();

        // Unreadable request bodies reach ProblemExceptionHandler as BadHttpRequestException, so the problem says why.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);

        services.AddApplication(configuration);
        services.AddDashboard();
        services.AddOpenApi(options =>
        {
            options.CreateSchemaReferenceId = PublishedSchemaNames.For;
            options.AddDocumentTransformer<ApiKeySecurityTransformer>();
            options.AddOperationTransformer<ApiKeySecurityTransformer>();
            options.AddOperationTransformer<RunnerApiExamples>();
            options.AddOperationTransformer<IdempotencyKeyParameter>();
            options.AddSchemaTransformer<TypedSchemas>();
            options.AddDocumentTransformer<TypedSchemas>();
        });
        services.AddRunRecoveryHealthChecks();
        services.AddHostedService<FullCollectionCadence>(); // a full collection a minute when the GC ran none (issue 18)
        services.AddTransportSecurity(configuration);
        services.AddFailedAuthenticationLimit(configuration);
        services.AddSignUpLimit(configuration);
        return workers;
    }

    private static void MapEndpoints(WebApplication app, ServiceRole role)
    {
        app.UseRequestLimits(); // first: every body is read through its deadline
        app.UseTransportSecurity(); // forwarded headers, security headers, HSTS, https redirect (Security/)
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapRunRecoveryHealth();
        if (role == ServiceRole.Worker)
        {
            return;
        }

        app.UseDashboardPages();
        app.UseSignUpLimit();
        UploadAdmission.UseUploadAdmission(app); // before authentication: an upload refused past the knee costs no key lookup
        app.UseFailedAuthenticationLimit();
        app.UseAuthentication();
        app.UseDashboardCsrfGate();
        app.UseAuthorization();
        app.UseKeyedRateLimits(); // RateLimit-* on every keyed response, 429 past a key's limits (Application/RateLimits)
        app.UseQueryParameterCheck(); // unknown or unreadable query parameters → 400 saying which (Application/QueryStrings)
        app.UseRateLimiter();
        app.UseIdempotencyKeys(); // Idempotency-Key on POST /api/…: replay, 422 on another body, 409 in flight (Application/Idempotency)
        app.MapOpenApi();
        app.MapScalarApiReference("/docs", options => options
            .WithTitle("RunRecovery API")
            .AddPreferredSecuritySchemes(ApiKeySecurityTransformer.SchemeId));

        DashboardAccess access = app.Configuration.GetValue("RunRecovery:HangfireDashboard", DashboardAccess.Loopback);
        if (access != DashboardAccess.Off)
        {
            app.UseHangfireDashboard("/hangfire", new DashboardOptions
            {
                Authorization = [new DashboardAccessFilter(access)],
                DashboardTitle = "RunRecovery jobs",
            });
        }

        app.MapApplication();
    }
}
