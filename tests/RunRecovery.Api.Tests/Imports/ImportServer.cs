using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using RunRecovery.Api.Hosting;
using RunRecovery.Api.Tests.Infrastructure;
using RunRecovery.Application.Imports.Process;

namespace RunRecovery.Api.Tests.Imports;

/// <summary>
/// The service for import tests, with its own archive storage folder. The api role (the default here) enqueues the
/// import job but runs no jobs, so a test drives the jobs itself through <see cref="RunJobAsync"/> — and can stop them
/// midway. <see cref="HangfireImportServer"/> runs the jobs in-process instead.
/// </summary>
public class ImportServer(TestPostgres postgres) : IAsyncLifetime
{
    private RunRecoveryService? _service;

    public HttpClient Client { get; private set; } = new();

    public string ConnectionString { get; private set; } = "";

    public string StorageDirectory { get; } = Path.Combine(Path.GetTempPath(), "runrecovery-imports-" + Guid.NewGuid().ToString("N"));

    public RunRecoveryService Service => _service ?? throw new InvalidOperationException("Not started.");

    protected virtual ServiceRole Role => ServiceRole.Api;

    /// <summary>
    /// Whether the import job hands members' files to member jobs: on, as in production. Only the fixture that tests
    /// the single-job engine (lanes in one process) turns it off.
    /// </summary>
    protected virtual bool FanOut => true;

    /// <summary>
    /// Whether <see cref="RunJobAsync"/> also runs the member jobs the import job enqueued, as the workers would (the
    /// api role runs no jobs). Off where a test drives each member job itself.
    /// </summary>
    protected virtual bool RunsMemberJobs => true;

    /// <summary>Limits for this fixture's service, as <c>--RunRecovery:Imports:…</c> settings.</summary>
    protected virtual IEnumerable<string> ImportSettings => [];

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        ConnectionString = await postgres.CreateDatabaseAsync(Cancel);
        await StartAsync();
    }

    /// <summary>Stops the service (a worker going down midway) without touching the database.</summary>
    public async Task StopAsync()
    {
        Client.Dispose();
        if (_service is not null)
        {
            await _service.DisposeAsync();
            _service = null;
        }
    }

    public async Task StartAsync()
    {
        (_service, Client) = await ApiServer.StartAsync(ConnectionString, Role, SharedSettings, Cancel);
    }

    /// <summary>
    /// Runs the import job, then (<see cref="RunsMemberJobs"/>) each member job it enqueued, in the order it enqueued
    /// them, as the workers would. Returns the last job's result, with the entries all of them recorded.
    /// </summary>
    public async Task<ImportRunResult> RunJobAsync(Guid importId, CancellationToken cancellationToken)
    {
        long enqueuedBefore = await ScalarAsync("SELECT coalesce(max(id), 0) FROM hangfire.job");
        ImportRunResult run;
        await using (AsyncServiceScope scope = Service.App.Services.CreateAsyncScope())
        {
            run = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new RunClubImport(importId), cancellationToken);
        }

        if (!RunsMemberJobs)
        {
            return run;
        }

        int processed = run.Processed;
        foreach (ImportMember job in await MemberRangesEnqueuedAsync(importId, enqueuedBefore))
        {
            run = await RunMemberJobAsync(job, cancellationToken);
            processed += run.Processed;
        }

        return run with { Processed = processed };
    }

    /// <summary>The members of the <see cref="ImportMemberJob"/>s enqueued for the import after job id <paramref name="after"/>, in enqueue order.</summary>
    public async Task<List<Guid>> MemberJobsEnqueuedAsync(Guid importId, long after)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(Cancel);
        await using var command = new NpgsqlCommand(
            "SELECT arguments FROM hangfire.job WHERE id > $1 AND invocationdata::text LIKE '%ImportMemberJob%' ORDER BY id", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = after });
        var members = new List<Guid>();
        await using NpgsqlDataReader reader = await command.ExecuteReaderAsync(Cancel);
        while (await reader.ReadAsync(Cancel))
        {
            // arguments: the import id, the runner id and the cancellation token, each as JSON.
            Guid[] ids = [.. Regex.Matches(reader.GetString(0), "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
                .Select(match => Guid.Parse(match.Value, CultureInfo.InvariantCulture))];
            if (ids.Length == 2 && ids[0] == importId)
            {
                members.Add(ids[1]);
            }
        }

        return members;
    }

    /// <summary>
    /// The <see cref="ImportMemberJob"/>s enqueued for the import after job id <paramref name="after"/>, in enqueue
    /// order, as the messages they send (member and range of the member's files).
    /// </summary>
    public async Task<List<ImportMember>> MemberRangesEnqueuedAsync(Guid importId, long after)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(Cancel);
        await using var command = new NpgsqlCommand(
            "SELECT arguments FROM hangfire.job WHERE id > $1 AND invocationdata::text LIKE '%ImportMemberJob%' ORDER BY id", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = after });
        var jobs = new List<ImportMember>();
        await using NpgsqlDataReader reader = await command.ExecuteReaderAsync(Cancel);
        while (await reader.ReadAsync(Cancel))
        {
            // arguments: each one as JSON in a string: import id, runner id, first, count, the cancellation token.
            string?[] arguments = JsonSerializer.Deserialize<string?[]>(reader.GetString(0)) ?? [];
            if (arguments.Length == 5 && JsonSerializer.Deserialize<Guid>(arguments[0]!) == importId)
            {
                jobs.Add(new ImportMember(importId, JsonSerializer.Deserialize<Guid>(arguments[1]!),
                    JsonSerializer.Deserialize<int>(arguments[2]!), JsonSerializer.Deserialize<int>(arguments[3]!)));
            }
        }

        return jobs;
    }

    /// <summary>Runs one member job of a fanned-out import on <paramref name="on"/> (this fixture's service by default): all the member's files.</summary>
    public Task<ImportRunResult> RunMemberJobAsync(Guid importId, Guid runnerId, CancellationToken cancellationToken, RunRecoveryService? on = null) =>
        RunMemberJobAsync(new ImportMember(importId, runnerId), cancellationToken, on);

    /// <summary>Runs one member job (a range of a member's files, as enqueued) on <paramref name="on"/> (this fixture's service by default).</summary>
    public async Task<ImportRunResult> RunMemberJobAsync(ImportMember job, CancellationToken cancellationToken, RunRecoveryService? on = null)
    {
        await using AsyncServiceScope scope = (on ?? Service).App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(job, cancellationToken);
    }

    /// <summary>Settings for another service sharing this fixture's database and archive storage.</summary>
    public IEnumerable<string> SharedSettings =>
    [
        $"--RunRecovery:Imports:StorageDirectory={StorageDirectory}",
        "--RunRecovery:Imports:ProgressInterval=00:00:00",
        "--RunRecovery:Uploads:RateLimitPermits=0",
        $"--RunRecovery:Imports:FanOut={FanOut}",
        .. ImportSettings,
    ];

    public async Task<HttpResponseMessage> UploadAsync(string key, Guid clubId, byte[] archive, bool multipart = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/clubs/{clubId}/imports");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        var body = new ByteArrayContent(archive);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        if (multipart)
        {
            var form = new MultipartFormDataContent { { body, "archive", "club-history.zip" } };
            request.Content = form;
        }
        else
        {
            request.Content = body;
        }

        return await Client.SendAsync(request, Cancel);
    }

    public async Task<JsonElement> GetImportAsync(string key, Guid clubId, Guid importId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/clubs/{clubId}/imports/{importId}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using HttpResponseMessage response = await Client.SendAsync(request, Cancel);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
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

        return Convert.ToInt64(await command.ExecuteScalarAsync(Cancel));
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await postgres.DropDatabaseAsync(ConnectionString);
        if (Directory.Exists(StorageDirectory))
        {
            Directory.Delete(StorageDirectory, recursive: true);
        }

        GC.SuppressFinalize(this);
    }
}

/// <summary>The all role: an in-process Hangfire server runs the import jobs, member jobs (fan-out, the default) and scoring.</summary>
public sealed class HangfireImportServer(TestPostgres postgres) : ImportServer(postgres)
{
    protected override ServiceRole Role => ServiceRole.All;
}

/// <summary>
/// The api role with fan-out on: a test drives the import job and each member job itself. Members are handed out one at
/// a time (groups of one, <c>MemberJobsInterleaved=1</c>), each as soon as the walk has passed them, which the tests of
/// a member stored while the walk goes on rely on.
/// </summary>
public sealed class FanOutImportServer(TestPostgres postgres) : ImportServer(postgres)
{
    protected override bool RunsMemberJobs => false;

    protected override IEnumerable<string> ImportSettings => ["--RunRecovery:Imports:MemberJobsInterleaved=1"];
}

/// <summary>The api role with fan-out on and member jobs of at most two files each: a test drives each job itself.</summary>
public sealed class RangedFanOutImportServer(TestPostgres postgres) : ImportServer(postgres)
{
    public const int MemberJobFiles = 2;

    protected override bool RunsMemberJobs => false;

    protected override IEnumerable<string> ImportSettings => [$"--RunRecovery:Imports:MemberJobFiles={MemberJobFiles}"];
}

/// <summary>The all role with the single-job import (no member jobs): the import job stores every file itself.</summary>
public sealed class HangfireSingleJobImportServer(TestPostgres postgres) : ImportServer(postgres)
{
    protected override ServiceRole Role => ServiceRole.All;

    protected override bool FanOut => false;
}

/// <summary>Small limits, so each can be crossed by a small archive.</summary>
public sealed class TightImportServer(TestPostgres postgres) : ImportServer(postgres)
{
    public const int MaxEntries = 20;
    public const long MaxArchiveBytes = 512 * 1024;
    public const long MaxTotalBytes = 5L << 20;

    protected override IEnumerable<string> ImportSettings =>
    [
        $"--RunRecovery:Imports:MaxEntries={MaxEntries}",
        $"--RunRecovery:Imports:MaxArchiveBytes={MaxArchiveBytes}",
        $"--RunRecovery:Imports:MaxTotalBytes={MaxTotalBytes}",
        "--RunRecovery:Imports:MaxEntryBytes=3145728",
    ];
}

/// <summary>Fan-out driven by the test, with a small per-club storage limit.</summary>
public sealed class StorageLimitImportServer(TestPostgres postgres) : ImportServer(postgres)
{
    public const long MaxClubStorageBytes = 120_000;

    protected override bool RunsMemberJobs => false;

    protected override IEnumerable<string> ImportSettings => [$"--RunRecovery:Imports:MaxClubStorageBytes={MaxClubStorageBytes}"];
}
