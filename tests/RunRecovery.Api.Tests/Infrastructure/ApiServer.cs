using System.Net.Http.Headers;
using RunRecovery.Api.Hosting;

namespace RunRecovery.Api.Tests.Infrastructure;

/// <summary>
/// The real service, started the way Program starts it, listening on 127.0.0.1 at a free port,
/// against its own database cloned from the migrated template. Requests go over real HTTP.
/// </summary>
public class ApiServer(TestPostgres postgres) : IAsyncLifetime
{
    private RunRecoveryService? _service;

    public HttpClient Client { get; private set; } = new();

    public string ConnectionString { get; private set; } = "";

    public TestPostgres Postgres => postgres;

    protected virtual ServiceRole Role => ServiceRole.Api;

    public virtual async ValueTask InitializeAsync()
    {
        CancellationToken cancellationToken = TestContext.Current.CancellationToken;
        ConnectionString = await postgres.CreateDatabaseAsync(cancellationToken);
        (_service, Client) = await StartAsync(ConnectionString, Role, [], cancellationToken);
    }

    /// <summary>Starts another instance of the service; the caller disposes both.</summary>
    public static async Task<(RunRecoveryService Service, HttpClient Client)> StartAsync(
        string connectionString, ServiceRole role, IEnumerable<string> settings, CancellationToken cancellationToken)
    {
        string[] args =
        [
            "--role", role.ToString().ToLowerInvariant(),
            "--urls", "http://127.0.0.1:0",
            $"--ConnectionStrings:RunRecovery={connectionString}",
            "--Logging:LogLevel:Default=Warning",
            "--RunRecovery:Worker:Count=1",
            .. settings,
        ];
        RunRecoveryService service = await RunRecoveryService.CreateAsync(StartupCommand.Parse(args), cancellationToken);
        await service.StartAsync(cancellationToken);
        var client = new HttpClient { BaseAddress = service.BaseAddress };
        return (service, client);
    }

    public HttpRequestMessage Request(HttpMethod method, string path, string? apiKey = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (apiKey is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }

        return request;
    }

    public virtual async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (_service is not null)
        {
            await _service.DisposeAsync();
        }

        await postgres.DropDatabaseAsync(ConnectionString);
        GC.SuppressFinalize(this);
    }
}

/// <summary>The service in the worker role: processes jobs, serves only health endpoints.</summary>
public sealed class WorkerServer(TestPostgres postgres) : ApiServer(postgres)
{
    protected override ServiceRole Role => ServiceRole.Worker;
}
