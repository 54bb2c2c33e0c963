using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using RunRecovery.Api.Database;
using RunRecovery.Api.Hosting;
using RunRecovery.Api.Problems;
using RunRecovery.Api.Tests.Clubs;
using RunRecovery.Api.Tests.Imports;
using RunRecovery.Api.Tests.Infrastructure;
using RunRecovery.Formats.Fit.Encoding;

namespace RunRecovery.Api.Tests.Database;

/// <summary>
/// PostgreSQL stopped and started again under the running service (docs/reliability.md, "Database faults"): its own
/// cluster (the shared one serves every other class), the service in the all role (API and Hangfire worker) on it.
/// </summary>
public sealed class DatabaseOutageTests(OutageServer server) : IClassFixture<OutageServer>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private HttpClient Client => server.Client;

    [Fact]
    public async Task Uploads_answer_503_with_retry_after_while_the_database_is_down_and_succeed_once_it_is_back()
    {
        (Guid runner, string key) = await CreateRunnerAsync();
        byte[] first = Run(0), during = Run(1), after = Run(2);
        Assert.Equal(HttpStatusCode.Created, (await UploadAsync(key, first)).StatusCode);

        await server.Cluster.InterruptAsync("fast", Cancel);
        try
        {
            using HttpResponseMessage refused = await UploadAsync(key, during);
            JsonElement problem = await refused.ReadProblemAsync(HttpStatusCode.ServiceUnavailable);
            Assert.Equal(ProblemExceptionHandler.DatabaseUnavailableType, problem.GetProperty("type").GetString());
            Assert.Equal("database-unavailable", problem.GetProperty("code").GetString());
            Assert.Equal(TimeSpan.FromSeconds(5), refused.Headers.RetryAfter?.Delta);
            Assert.DoesNotContain("Npgsql", await refused.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);

            using HttpResponseMessage list = await SendAsync(HttpMethod.Get, "/api/activities", key);
            await list.ReadProblemAsync(HttpStatusCode.ServiceUnavailable);

            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await Client.GetAsync("/health/ready", Cancel)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync("/health/live", Cancel)).StatusCode);
        }
        finally
        {
            await server.Cluster.ResumeAsync(Cancel);
        }

        await WaitUntilReadyAsync();
        using HttpResponseMessage retried = await UploadAsync(key, during);
        Assert.Equal(HttpStatusCode.Created, retried.StatusCode); // the refused upload had stored nothing
        Assert.Equal(HttpStatusCode.Created, (await UploadAsync(key, after)).StatusCode);
        Assert.Equal(3, await server.ScalarAsync("SELECT count(*) FROM runrecovery.activities WHERE runner_id = $1", runner));
        await AssertNothingHalfStoredAsync();
    }

    [Fact]
    public async Task A_crash_in_the_middle_of_an_upload_burst_leaves_each_file_stored_once_or_not_at_all()
    {
        const int Runners = 8, FilesEach = 5;
        var keys = new List<(Guid Id, string Key)>();
        for (int i = 0; i < Runners; i++)
        {
            keys.Add(await CreateRunnerAsync());
        }

        var files = new List<(string Key, byte[] File)>();
        for (int i = 0; i < Runners * FilesEach; i++)
        {
            files.Add((keys[i % Runners].Key, Run(10 + i)));
        }

        // Every upload in flight at once; the server is killed (immediate: no clean session end) once the first is answered.
        var answers = files.Select(file => UploadStatusAsync(file.Key, file.File)).ToList();
        await Task.WhenAny(answers);
        await server.Cluster.InterruptAsync("immediate", Cancel);
        try
        {
            // At least these are certain to meet the outage.
            using HttpResponseMessage late = await UploadAsync(keys[0].Key, Run(9));
            await late.ReadProblemAsync(HttpStatusCode.ServiceUnavailable);
            Assert.Equal(TimeSpan.FromSeconds(5), late.Headers.RetryAfter?.Delta);
        }
        finally
        {
            await server.Cluster.ResumeAsync(Cancel);
        }

        int[] statuses = await Task.WhenAll(answers);
        // Never a 500. A 429 `busy` (every parse slot or upload admission taken for its whole wait: a loaded machine)
        // is answered before anything is stored, so sent again such a file is created, never a duplicate.
        Assert.All(statuses, status => Assert.Contains(status, new[] { 201, 429, 503 }));

        await WaitUntilReadyAsync();

        // A 503 may hide a commit whose acknowledgement was lost: sent again, such a file comes back as a duplicate, never twice.
        int created = statuses.Count(status => status == 201), createdOnRetry = 0, duplicateOnRetry = 0;
        for (int i = 0; i < files.Count; i++)
        {
            if (statuses[i] == 429)
            {
                using HttpResponseMessage again = await UploadAsync(files[i].Key, files[i].File);
                Assert.Equal(HttpStatusCode.Created, again.StatusCode);
                createdOnRetry++;
            }

            if (statuses[i] == 503)
            {
                using HttpResponseMessage again = await UploadAsync(files[i].Key, files[i].File);
                Assert.Contains(again.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.OK });
                _ = again.StatusCode == HttpStatusCode.Created ? createdOnRetry++ : duplicateOnRetry++;
            }
        }

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"burst of {files.Count}: {created} answered 201, {statuses.Count(status => status == 503)} answered 503, {statuses.Count(status => status == 429)} answered 429; sent again: {createdOnRetry} created, {duplicateOnRetry} duplicates (commit landed, answer lost)");
        Assert.Equal(files.Count, created + createdOnRetry + duplicateOnRetry);
        Guid[] runnerIds = [.. keys.Select(runner => runner.Id)];
        Assert.Equal(files.Count, await server.ScalarAsync("SELECT count(*) FROM runrecovery.activities WHERE runner_id = ANY($1)", runnerIds));
        Assert.Equal(0, await server.ScalarAsync(
            "SELECT count(*) FROM (SELECT 1 FROM runrecovery.activities WHERE runner_id = ANY($1) GROUP BY runner_id, sha256 HAVING count(*) > 1) doubles", runnerIds));
        await AssertNothingHalfStoredAsync();
    }

    [Fact]
    public async Task An_import_running_when_the_database_crashes_resumes_and_imports_every_entry_once()
    {
        const int FilesEach = 6;
        var clubs = new ClubClient(Client);
        (Guid clubId, string admin, Guid memberId, _) = await clubs.ClubWithMemberAsync("outage");
        JsonElement managed = await clubs.AddManagedAsync(admin, clubId, "Managed outage", externalId: "outage-M7");
        Guid managedId = managed.GetProperty("runnerId").GetGuid();
        var club = new TestClub(clubId, admin, memberId, "", "outage-member@example.org", managedId, "outage-M7");

        // Hold the managed runner's scoring row, so the job is certainly in the middle of the import when the server dies.
        Guid importId;
        long storedBeforeCrash;
        await using (await BlockAsync(managedId))
        {
            importId = await StartImportAsync(admin, clubId, ImportTestBase.TwoMembers(club, FilesEach));
            await WaitUntilBlockedAsync(importId, FilesEach);
            storedBeforeCrash = await server.ScalarAsync("SELECT count(*) FROM runrecovery.club_import_entries WHERE import_id = $1", importId);
            await server.Cluster.InterruptAsync("immediate", Cancel); // the held lock dies with the server
        }

        await Task.Delay(TimeSpan.FromSeconds(2), Cancel);
        await server.Cluster.ResumeAsync(Cancel);

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        deadline.CancelAfter(TimeSpan.FromSeconds(60));
        JsonElement import;
        while ((import = await GetImportAsync(admin, clubId, importId)).GetProperty("state").GetString() != "completed")
        {
            Assert.NotEqual("failed", import.GetProperty("state").GetString());
            await Task.Delay(200, deadline.Token);
        }

        JsonElement counts = import.GetProperty("counts");
        Assert.Equal(
            (2 * FilesEach, 2 * FilesEach, 0, 0),
            (counts.GetProperty("seen").GetInt32(), counts.GetProperty("imported").GetInt32(), counts.GetProperty("duplicates").GetInt32(), counts.GetProperty("failed").GetInt32()));
        // The crash came in the middle: the first member's files were stored, the managed member's upload was waiting on
        // the held lock. (With the fan-out the member job, not the import job, is the one interrupted, so the import's
        // own attempt count need not grow.)
        Assert.InRange(storedBeforeCrash, FilesEach, (2 * FilesEach) - 1);
        Assert.Equal(2 * FilesEach, await server.ScalarAsync("SELECT count(*) FROM runrecovery.club_import_entries WHERE import_id = $1", importId));
        Assert.Equal(FilesEach, await server.ScalarAsync("SELECT count(*) FROM runrecovery.activities WHERE runner_id = $1", memberId));
        Assert.Equal(FilesEach, await server.ScalarAsync("SELECT count(*) FROM runrecovery.activities WHERE runner_id = $1", managedId));
        await AssertNothingHalfStoredAsync();
    }

    private static byte[] Run(int day) =>
        FitActivityWriter.Write(SyntheticRuns.Run(new DateTimeOffset(2026, 6, 1, 7, 0, 0, TimeSpan.Zero).AddDays(day), minutes: 20));

    /// <summary>Every activity has its file and every file its activity.</summary>
    private async Task AssertNothingHalfStoredAsync()
    {
        Assert.Equal(0, await server.ScalarAsync(
            "SELECT count(*) FROM runrecovery.activities a WHERE NOT EXISTS (SELECT 1 FROM runrecovery.activity_contents c WHERE c.activity_id = a.id)"));
        Assert.Equal(0, await server.ScalarAsync(
            "SELECT count(*) FROM runrecovery.activity_contents c WHERE NOT EXISTS (SELECT 1 FROM runrecovery.activities a WHERE a.id = c.activity_id)"));
    }

    private async Task WaitUntilReadyAsync()
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        deadline.CancelAfter(TimeSpan.FromSeconds(30));
        while (true)
        {
            using HttpResponseMessage ready = await Client.GetAsync("/health/ready", deadline.Token);
            if (ready.StatusCode == HttpStatusCode.OK)
            {
                return;
            }

            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            await Task.Delay(100, deadline.Token);
        }
    }

    private async Task<(Guid Id, string Key)> CreateRunnerAsync()
    {
        using HttpResponseMessage response = await Client.PostAsJsonAsync(
            "/api/runners", new { name = "Runner", email = $"{Guid.NewGuid():N}@example.org", timeZone = "UTC" }, Cancel);
        response.EnsureSuccessStatusCode();
        JsonElement body = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        return (body.GetProperty("runner").GetProperty("id").GetGuid(), body.GetProperty("apiKey").GetString()!);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string key, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return await Client.SendAsync(request, Cancel);
    }

    private Task<HttpResponseMessage> UploadAsync(string key, byte[] file)
    {
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.ant.fit");
        return SendAsync(HttpMethod.Post, "/api/activities", key, content);
    }

    private async Task<int> UploadStatusAsync(string key, byte[] file)
    {
        using HttpResponseMessage response = await UploadAsync(key, file);
        if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
        {
            await response.ReadProblemAsync(HttpStatusCode.ServiceUnavailable);
        }

        return (int)response.StatusCode;
    }

    private async Task<Guid> StartImportAsync(string key, Guid clubId, byte[] archive)
    {
        var body = new ByteArrayContent(archive);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        using HttpResponseMessage response = await SendAsync(HttpMethod.Post, $"/api/clubs/{clubId}/imports", key, body);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("id").GetGuid();
    }

    private async Task<JsonElement> GetImportAsync(string key, Guid clubId, Guid importId)
    {
        using HttpResponseMessage response = await SendAsync(HttpMethod.Get, $"/api/clubs/{clubId}/imports/{importId}", key);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
    }

    /// <summary>Holds the runner's scoring row lock (the import takes it for each of the runner's files) until disposed.</summary>
    private async Task<NpgsqlConnection> BlockAsync(Guid runnerId)
    {
        // Unpooled, so disposing it after the server died does not try to reset a dead session.
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server.ConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync(Cancel);
        await using var command = new NpgsqlCommand(
            $"""
            INSERT INTO runrecovery.runner_scoring (runner_id, requested_version, scored_version, job_pending, requested_at, recomputes)
            VALUES ('{runnerId}', 0, 0, false, now(), 0) ON CONFLICT (runner_id) DO NOTHING;
            BEGIN;
            SELECT 1 FROM runrecovery.runner_scoring WHERE runner_id = '{runnerId}' FOR UPDATE;
            """,
            connection);
        await command.ExecuteNonQueryAsync(Cancel);
        return connection;
    }

    private async Task WaitUntilBlockedAsync(Guid importId, int firstMemberFiles)
    {
        DateTime until = DateTime.UtcNow.AddSeconds(60);
        long entries;
        while ((entries = await server.ScalarAsync("SELECT count(*) FROM runrecovery.club_import_entries WHERE import_id = $1", importId)) < firstMemberFiles
            || await server.ScalarAsync("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'") == 0)
        {
            if (DateTime.UtcNow > until)
            {
                // Say where it stuck: the entries stored, the jobs Hangfire holds, and the sessions waiting on a lock.
                long processing = await server.ScalarAsync("SELECT count(*) FROM hangfire.job WHERE statename = 'Processing'");
                long enqueued = await server.ScalarAsync("SELECT count(*) FROM hangfire.jobqueue WHERE fetchedat IS NULL");
                Assert.Fail($"after 60 s the import had {entries} of the first member's {firstMemberFiles} entries; "
                    + $"{processing} jobs processing, {enqueued} enqueued and not fetched; "
                    + $"{await server.ScalarAsync("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'")} sessions waiting on a lock");
            }

            await Task.Delay(20, Cancel);
        }
    }
}

/// <summary>
/// A PostgreSQL cluster of this class's own (so stopping it disturbs no other test class) and the service in the all
/// role on it, with club imports enabled.
/// </summary>
public sealed class OutageServer : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "runrecovery-outage-" + Guid.NewGuid().ToString("N")[..8]);
    private RunRecoveryService? _service;

    internal EmbeddedPostgresCluster Cluster { get; private set; } = null!;

    public HttpClient Client { get; private set; } = new();

    public string ConnectionString => Cluster.ConnectionString;

    public async ValueTask InitializeAsync()
    {
        CancellationToken cancellationToken = TestContext.Current.CancellationToken;
        // Durable (fsync and synchronous commit on): an acknowledged upload must survive "immediate", as in production.
        Cluster = await EmbeddedPostgresCluster.StartAsync(_folder, NullLogger.Instance, fastAndUnsafe: false, cancellationToken);
        (_service, Client) = await ApiServer.StartAsync(
            Cluster.ConnectionString,
            ServiceRole.All,
            [
                $"--RunRecovery:Imports:StorageDirectory={Path.Combine(_folder, "imports")}",
                "--RunRecovery:Imports:ProgressInterval=00:00:00",
                "--RunRecovery:Uploads:RateLimitPermits=0",
                "--RunRecovery:Worker:Count=2",
            ],
            cancellationToken);
    }

    public async Task<long> ScalarAsync(string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (object parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        object? value = await command.ExecuteScalarAsync(TestContext.Current.CancellationToken);
        return value is null or DBNull ? 0 : Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        try
        {
            if (_service is not null)
            {
                await _service.DisposeAsync();
            }
        }
        finally
        {
            await Cluster.StopAsync();
            Directory.Delete(_folder, recursive: true);
        }
    }
}
