using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using RunRecovery.Api.Hosting;

namespace RunRecovery.Api.Tests.Infrastructure;

/// <summary>A clock tests can stop: <see cref="Fixed"/> when set, the system clock otherwise.</summary>
public sealed class TestClock : TimeProvider
{
    public DateTimeOffset? Fixed { get; set; }

    public override DateTimeOffset GetUtcNow() => Fixed ?? base.GetUtcNow();
}

/// <summary>
/// The real service over HTTP against its own database (like <see cref="ApiServer"/>), with the runner API's
/// helpers: a replaceable clock, extra settings, runners with keys, uploads, direct job calls and SQL.
/// </summary>
public class RunnerHost(TestPostgres postgres) : IAsyncLifetime
{
    private RunRecoveryService? _service;

    public TestClock Clock { get; } = new();

    public HttpClient Client { get; private set; } = new();

    public string ConnectionString { get; private set; } = "";

    public RunRecoveryService Service => _service ?? throw new InvalidOperationException("Not started.");

    /// <summary>Api by default: jobs are enqueued but only run when a test calls them.</summary>
    protected virtual ServiceRole Role => ServiceRole.Api;

    protected virtual IEnumerable<string> Settings => [];

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public virtual async ValueTask InitializeAsync()
    {
        ConnectionString = await postgres.CreateDatabaseAsync(Cancel);
        string[] args =
        [
            "--role", Role.ToString().ToLowerInvariant(),
            "--urls", "http://127.0.0.1:0",
            $"--ConnectionStrings:RunRecovery={ConnectionString}",
            "--Logging:LogLevel:Default=Warning",
            "--RunRecovery:Worker:Count=2",
            .. Settings,
        ];
        _service = await RunRecoveryService.CreateAsync(StartupCommand.Parse(args), Cancel, ConfigureServices);
        await _service.StartAsync(Cancel);
        Client = new HttpClient { BaseAddress = _service.BaseAddress };
    }

    /// <summary>Registrations after the service's own: the test clock, and whatever a derived host adds.</summary>
    protected virtual void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);

    public async Task<(Guid Id, string Key)> CreateRunnerAsync(string timeZone = "UTC")
    {
        string email = $"{Guid.NewGuid():N}@example.org";
        using HttpResponseMessage response = await Client.PostAsJsonAsync("/api/runners", new { name = "Runner", email, timeZone }, Cancel);
        response.EnsureSuccessStatusCode();
        JsonElement body = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        return (body.GetProperty("runner").GetProperty("id").GetGuid(), body.GetProperty("apiKey").GetString()!);
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string key, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return await Client.SendAsync(request, Cancel);
    }

    public Task<HttpResponseMessage> UploadAsync(string key, byte[] file, string contentType = "application/vnd.ant.fit", string? fileName = null)
    {
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        if (fileName is not null)
        {
            content.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = fileName };
        }

        return SendAsync(HttpMethod.Post, "/api/activities", key, content);
    }

    public async Task<JsonElement> GetJsonAsync(string path, string key)
    {
        using HttpResponseMessage response = await SendAsync(HttpMethod.Get, path, key);
        Assert.True(response.IsSuccessStatusCode, $"GET {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(Cancel)}");
        return await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
    }

    /// <summary>Runs <paramref name="action"/> in a DI scope of the service, as a Hangfire job would.</summary>
    public async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using AsyncServiceScope scope = Service.App.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    public async Task<long> ScalarAsync(string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(Cancel);
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (object parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        object? value = await command.ExecuteScalarAsync(Cancel);
        return value is null or DBNull ? 0 : Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
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
